using DistSys.Runtime;

namespace DistSys.Supervision;

/// <summary>The outcome of starting or restarting a child.</summary>
/// <param name="Pid">The child's pid when it started.</param>
/// <param name="Error">Why it did not, or <see cref="SupervisorError.None"/>.</param>
/// <param name="Reason">The start failure's reason for <see cref="SupervisorError.StartFailed"/>.</param>
public readonly record struct StartChildResult(Pid Pid, SupervisorError Error, ExitReason? Reason)
{
    /// <summary>True if the child is running.</summary>
    public bool IsOk => Error == SupervisorError.None;

    internal static StartChildResult Ok(Pid pid) => new(pid, SupervisorError.None, null);

    internal static StartChildResult Failed(SupervisorError error, ExitReason? reason = null) => new(Pid.None, error, reason);
}
