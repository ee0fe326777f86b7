namespace DistSys.Runtime;

/// <summary>An exit signal turned into a message, received by a process that traps exits.</summary>
/// <param name="From">The process that sent the signal (a linked process, or the caller of Exit).</param>
/// <param name="Reason">The reason carried by the signal.</param>
public sealed record ExitMessage(Pid From, ExitReason Reason);
