namespace DistSys.Runtime.Internal;

/// <summary>
/// The parts of a process that most processes never use, allocated on first use so an idle
/// process stays small. Everything here is touched only by the owning process, except
/// <see cref="Timers"/> (guarded by locking the set) and the start waiter (thread-safe).
/// </summary>
internal sealed class ProcessExtras
{
    internal HashSet<Pid>? Links;

    /// <summary>Monitors this process holds on others.</summary>
    internal Dictionary<MonitorRef, Pid>? Watching;

    /// <summary>Monitors others hold on this process.</summary>
    internal Dictionary<MonitorRef, Watcher>? WatchedBy;

    internal HashSet<ProcessTimer>? Timers;

    internal TimeSpan? ReceiveTimeout;
    internal ITimer? ReceiveTimer;
    internal long ReceiveTimeoutArmedAt;

    /// <summary>The handler (or init) the process awaits while suspended.</summary>
    internal ValueTask Pending;
    internal bool PendingIsInit;
    internal Action? ResumeAction;

    /// <summary>Upgrades that arrived while a handler was suspended; applied once it completes.</summary>
    internal List<UpgradeSignal>? DeferredUpgrades;

    /// <summary>Set by <see cref="ProcessContext.Stop"/>; the process exits after the current message.</summary>
    internal ExitReason? StopReason;

    internal TaskCompletionSource<Pid>? StartWaiter;

    internal long Dropped;

    internal HashSet<Pid> LinkSet => Links ??= [];

    internal Dictionary<MonitorRef, Pid> WatchingMap => Watching ??= [];

    internal Dictionary<MonitorRef, Watcher> WatchedByMap => WatchedBy ??= [];
}
