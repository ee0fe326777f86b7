namespace DistSys.Runtime;

/// <summary>The message a monitoring process receives when the monitored process exits.</summary>
/// <param name="Ref">The monitor that fired.</param>
/// <param name="Pid">The process that exited.</param>
/// <param name="Reason">Why it exited; <see cref="ExitReason.NoProc"/> if it was already dead.</param>
public sealed record Down(MonitorRef Ref, Pid Pid, ExitReason Reason);
