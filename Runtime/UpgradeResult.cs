namespace DistSys.Runtime;

/// <summary>The outcome of a live upgrade: success, or why the old version is still running.</summary>
public readonly record struct UpgradeResult(bool Succeeded, ExitReason? Error)
{
    internal static UpgradeResult Ok => new(true, null);

    internal static UpgradeResult Failed(ExitReason error) => new(false, error);
}
