using MessagePack;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// The answer to a remote call whose target could not reply (built-in wire tag 11): it did not exist,
/// or exited first. The caller's CallAsync fails with a <see cref="CallException"/> carrying the reason.
/// </summary>
[MessagePackObject]
internal sealed record CallFault([property: Key(0)] string Reason)
{
    public static CallFault From(ExitReason reason) => new(reason.ToString());

    public ExitReason ToExitReason() => ExitReasons.FromText(Reason);
}
