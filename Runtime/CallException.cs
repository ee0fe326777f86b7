namespace DistSys.Runtime;

/// <summary>
/// A Call that did not get a reply: the target did not exist (<see cref="ExitReason.NoProc"/>),
/// exited before answering (its exit reason), or did not answer in time (<see cref="ExitReason.Timeout"/>).
/// Inside a handler, letting it propagate ends the calling process with it, as in Erlang.
/// </summary>
public sealed class CallException : Exception
{
    public CallException(Pid target, ExitReason reason)
        : base($"call to {target} failed: {reason}", reason?.Exception)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Target = target;
        Reason = reason;
    }

    /// <summary>The process that was called.</summary>
    public Pid Target { get; }

    /// <summary>Why no reply came.</summary>
    public ExitReason Reason { get; }
}
