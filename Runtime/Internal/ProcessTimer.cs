namespace DistSys.Runtime.Internal;

/// <summary>
/// One SendAfter timer on the runtime's <see cref="TimeProvider"/> (the .NET timer queue by
/// default). It completes exactly once — fired, cancelled, or cancelled by its target's death —
/// and on completion disposes its timer and leaves its target's set, so nothing keeps the
/// message alive afterwards.
/// </summary>
internal sealed class ProcessTimer
{
    private readonly ProcessRuntime _runtime;
    private readonly Pid _target;
    private readonly Process? _local;
    private object? _message;
    private ITimer? _timer;
    private int _done;

    internal ProcessTimer(ProcessRuntime runtime, Pid target, Process? local, object message)
    {
        _runtime = runtime;
        _target = target;
        _local = local;
        _message = message;
    }

    internal bool IsActive => Volatile.Read(ref _done) == 0;

    internal void Start(TimeSpan delay)
    {
        var timer = _runtime.Time.CreateTimer(static state => ((ProcessTimer)state!).Fire(), this, delay, Timeout.InfiniteTimeSpan);
        Volatile.Write(ref _timer, timer);
        if (!IsActive)
        {
            timer.Dispose(); // fired or cancelled before we stored it
        }
    }

    internal bool Cancel()
    {
        if (!TryComplete(out _))
        {
            return false;
        }

        Detach();
        return true;
    }

    /// <summary>Called by the dying target, which already holds its timer set.</summary>
    internal void CancelByDeath()
    {
        if (TryComplete(out _))
        {
            Volatile.Read(ref _timer)?.Dispose();
        }
    }

    private void Fire()
    {
        if (!TryComplete(out var message))
        {
            return;
        }

        Detach();
        if (_local is not null)
        {
            _local.Post(message);
        }
        else
        {
            _runtime.Send(_target, message);
        }
    }

    private bool TryComplete(out object message)
    {
        message = _message!;
        if (Interlocked.Exchange(ref _done, 1) != 0)
        {
            return false;
        }

        _message = null;
        return true;
    }

    private void Detach()
    {
        Volatile.Read(ref _timer)?.Dispose();
        if (_local?.ExtrasOrNull?.Timers is { } timers)
        {
            lock (timers)
            {
                timers.Remove(this);
            }
        }
    }
}
