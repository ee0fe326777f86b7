namespace DistSys.Runtime.Internal;

/// <summary>
/// One lightweight process: a mailbox, a behaviour, and a status word. A process is its own
/// thread-pool work item; the CAS from <see cref="Idle"/> to <see cref="Scheduled"/> makes sure
/// exactly one thread runs it at a time, and a dead process stays <see cref="Scheduled"/> forever
/// so it is never run again.
/// </summary>
internal sealed partial class Process : SynchronizationContext, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private const int TrapExitFlag = 1;
    private const int DeadFlag = 2;
    private const int SuspendedFlag = 4;
    private const int InitPendingFlag = 8;
    private const int StopRequestedFlag = 16;

    internal readonly Pid Pid;
    internal readonly ProcessRuntime Runtime;

    private Behaviour _behaviour;
    private MessageQueue _mailbox;
    private Signal? _signals;
    private ProcessExtras? _extras;
    private object? _name;
    private long _handled;
    private int _status;
    private int _resumeReady;
    private int _flags;
    private readonly int _bound;

    internal Process(ProcessRuntime runtime, Pid pid, Behaviour behaviour, SpawnOptions options, bool hasInit)
    {
        Runtime = runtime;
        Pid = pid;
        _behaviour = behaviour;
        _bound = options.MailboxCapacity;
        _flags = (options.TrapExit ? TrapExitFlag : 0) | (hasInit ? InitPendingFlag : 0);
    }

    internal bool IsDead => (Volatile.Read(ref _flags) & DeadFlag) != 0;

    internal bool TrapExit
    {
        get => (_flags & TrapExitFlag) != 0;
        set => _flags = value ? _flags | TrapExitFlag : _flags & ~TrapExitFlag;
    }

    internal Behaviour Behaviour => _behaviour;

    /// <summary>
    /// Asks the process to exit after the current message. A normal stop is only a flag, so the
    /// common "handle one message and finish" process allocates no extras.
    /// </summary>
    internal void RequestStop(ExitReason reason)
    {
        if (!reason.IsNormal || _extras is not null)
        {
            Extras.StopReason = reason;
        }

        _flags |= StopRequestedFlag;
    }

    private ExitReason? RequestedStop =>
        (_flags & StopRequestedFlag) == 0 ? null : _extras?.StopReason ?? ExitReason.Normal;

    internal ProcessExtras? ExtrasOrNull => Volatile.Read(ref _extras);

    /// <summary>
    /// True only for an idle process with nothing pending and no links or monitors: a node going down
    /// cannot concern it. Read in that order, so a link still travelling in a pending signal, or being
    /// made by the handler running now, is never missed.
    /// </summary>
    internal bool IsQuietWithoutRemoteTies =>
        Volatile.Read(ref _status) == Idle && Volatile.Read(ref _signals) is null &&
        ExtrasOrNull is not { Links.Count: > 0 } and not { Watching.Count: > 0 };

    /// <summary>Created on first use; may race with a timer registration from another thread.</summary>
    internal ProcessExtras Extras
    {
        get
        {
            var extras = Volatile.Read(ref _extras);
            if (extras is not null)
            {
                return extras;
            }

            extras = new ProcessExtras();
            return Interlocked.CompareExchange(ref _extras, extras, null) ?? extras;
        }
    }

    /// <summary>Delivers a user message; never blocks. A full bounded mailbox drops it and counts it.</summary>
    internal void Post(object message)
    {
        if (!_mailbox.TryEnqueue(message, _bound))
        {
            Interlocked.Increment(ref Extras.Dropped);
            Runtime.CountDropped();
            return;
        }

        // The tail CAS in TryEnqueue is a full fence, so either we see Idle here or the
        // consumer, going idle, sees our message (it re-checks after its own fenced store).
        if (Volatile.Read(ref _status) == Idle)
        {
            TrySchedule();
        }
    }

    /// <summary>Delivers a signal; false if the process is dead (the caller answers noproc).</summary>
    internal bool PostSignal(Signal signal)
    {
        while (true)
        {
            var head = Volatile.Read(ref _signals);
            if (ReferenceEquals(head, Signal.Closed))
            {
                return false;
            }

            signal.Next = head;
            if (Interlocked.CompareExchange(ref _signals, signal, head) == head)
            {
                break;
            }
        }

        if (Volatile.Read(ref _status) == Idle)
        {
            TrySchedule();
        }

        return true;
    }

    /// <summary>Starts a freshly spawned process whose behaviour has an init to run.</summary>
    internal void Start() => TrySchedule();

    private void TrySchedule()
    {
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
        {
            Runtime.Dispatcher.Schedule(this);
        }
    }

    private void OnResumeReady()
    {
        if (IsDead)
        {
            ObserveAbandoned(_extras!.Pending);
            return;
        }

        Interlocked.Exchange(ref _resumeReady, 1);
        if (Volatile.Read(ref _status) == Idle)
        {
            TrySchedule();
        }
    }

    /// <summary>A killed process's handler may still finish later; consume its outcome, which no one wants.</summary>
    private static void ObserveAbandoned(ValueTask pending)
    {
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // The process is already dead with another reason.
        }
    }
}
