namespace DistSys.Runtime.Internal;

/// <summary>Timers targeting this process and its receive timeout.</summary>
internal sealed partial class Process
{
    /// <summary>Tracks a timer so the process's death cancels it; false if the process is already dead.</summary>
    internal bool TrackTimer(ProcessTimer timer)
    {
        var timers = Extras.Timers;
        if (timers is null)
        {
            Interlocked.CompareExchange(ref Extras.Timers, new HashSet<ProcessTimer>(), null);
            timers = Extras.Timers!;
        }

        lock (timers)
        {
            if (IsDead)
            {
                return false;
            }

            timers.Add(timer);
            return true;
        }
    }

    internal int TimerCount
    {
        get
        {
            if (_extras?.Timers is not { } timers)
            {
                return 0;
            }

            lock (timers)
            {
                return timers.Count;
            }
        }
    }

    internal void SetReceiveTimeout(TimeSpan? timeout)
    {
        var extras = Extras;
        extras.ReceiveTimeout = timeout;
        if (timeout is null)
        {
            extras.ReceiveTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private static void CancelTimers(ProcessExtras extras)
    {
        extras.ReceiveTimer?.Dispose();
        extras.ReceiveTimer = null;
        if (extras.Timers is not { } timers)
        {
            return;
        }

        ProcessTimer[] pending;
        lock (timers)
        {
            pending = [.. timers];
            timers.Clear();
        }

        foreach (var timer in pending)
        {
            timer.CancelByDeath();
        }
    }

    /// <summary>Arms the receive timeout as the process goes idle; any message handled since makes it stale.</summary>
    private void ArmReceiveTimeout(ProcessExtras extras)
    {
        extras.ReceiveTimeoutArmedAt = _handled;
        extras.ReceiveTimer ??= Runtime.Time.CreateTimer(
            static state => ((Process)state!).OnReceiveTimeout(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        extras.ReceiveTimer.Change(extras.ReceiveTimeout!.Value, Timeout.InfiniteTimeSpan);
    }

    private void OnReceiveTimeout()
    {
        if (!IsDead)
        {
            ForceEnqueue(ReceiveTimeout.Instance);
        }
    }

    private bool IsStaleTimeout() =>
        _extras is not { ReceiveTimeout: not null } extras || extras.ReceiveTimeoutArmedAt != _handled;
}
