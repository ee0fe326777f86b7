namespace DistSys.Runtime.Internal;

/// <summary>
/// A system signal (link, exit, monitor, …). Signals are intrusive nodes of their target's
/// lock-free signal stack, handled before any user message. Each instance is pushed once.
/// </summary>
internal abstract class Signal
{
    /// <summary>Marks the signal stack of a dead process: pushes fail and the sender answers noproc.</summary>
    internal static readonly Signal Closed = new ClosedSignal();

    internal Signal? Next;

    private sealed class ClosedSignal : Signal
    {
    }
}

internal sealed class LinkSignal(Pid from) : Signal
{
    internal Pid From { get; } = from;
}

internal sealed class UnlinkSignal(Pid from) : Signal
{
    internal Pid From { get; } = from;
}

internal sealed class ExitSignal(Pid from, ExitReason reason, bool fromLink) : Signal
{
    internal Pid From { get; } = from;

    internal ExitReason Reason { get; } = reason;

    internal bool FromLink { get; } = fromLink;
}

internal sealed class MonitorSignal(MonitorRef reference, Watcher watcher) : Signal
{
    internal MonitorRef Ref { get; } = reference;

    internal Watcher Watcher { get; } = watcher;
}

internal sealed class DemonitorSignal(MonitorRef reference) : Signal
{
    internal MonitorRef Ref { get; } = reference;
}

/// <summary>Delivered to a watching process; it becomes a <see cref="Down"/> message if the monitor is still on.</summary>
internal sealed class DownSignal(MonitorRef reference, Pid target, ExitReason reason) : Signal
{
    internal MonitorRef Ref { get; } = reference;

    internal Pid Target { get; } = target;

    internal ExitReason Reason { get; } = reason;
}

/// <summary>The rest of an awaiting handler, posted to its process's synchronization context.</summary>
internal sealed class ContinuationSignal(SendOrPostCallback callback, object? state) : Signal
{
    internal SendOrPostCallback Callback { get; } = callback;

    internal object? State { get; } = state;
}

internal sealed class NodeDownSignal(int node) : Signal
{
    internal int Node { get; } = node;
}

internal sealed class UpgradeSignal(Func<Behaviour, Behaviour> codeChange) : Signal
{
    internal Func<Behaviour, Behaviour> CodeChange { get; } = codeChange;

    internal TaskCompletionSource<UpgradeResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
