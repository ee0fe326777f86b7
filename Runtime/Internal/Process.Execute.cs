namespace DistSys.Runtime.Internal;

/// <summary>One turn on a scheduler: signals first, then at most Throughput messages, then yield.</summary>
internal sealed partial class Process
{
    public void Execute()
    {
        if (IsDead)
        {
            return;
        }

        // The process is the context for the whole turn, so a handler's await captures it and
        // the code after the await comes back here (see Process.Continuations). One thread-static
        // write each way per turn, not per message.
        var outer = Current;
        SetSynchronizationContext(this);
        try
        {
            RunTurn();
        }
        finally
        {
            SetSynchronizationContext(outer);
        }
    }

    private void RunTurn()
    {
        var budget = Runtime.Throughput;
        while (true)
        {
            if (Volatile.Read(ref _signals) is not null)
            {
                DrainSignals();
                if (IsDead)
                {
                    return;
                }
            }

            if ((_flags & (SuspendedFlag | InitPendingFlag)) != 0)
            {
                if (!TryContinue())
                {
                    break;
                }

                continue;
            }

            if (--budget < 0)
            {
                // Still Scheduled: go to the back of the run queue so others get their turn.
                Runtime.Dispatcher.Yield(this);
                return;
            }

            if (!_mailbox.TryDequeue(out var message))
            {
                break;
            }

            Invoke(message);
            if (IsDead)
            {
                return;
            }
        }

        GoIdle();
    }

    private void GoIdle()
    {
        if (_extras is { ReceiveTimeout: not null } extras && (_flags & SuspendedFlag) == 0)
        {
            ArmReceiveTimeout(extras);
        }

        // A full fence, paired with the producers' fenced enqueue: see Post.
        Interlocked.Exchange(ref _status, Idle);
        if (HasWork())
        {
            TrySchedule();
        }
    }

    private bool HasWork() =>
        Volatile.Read(ref _signals) is not null
        || ((_flags & SuspendedFlag) != 0 ? Volatile.Read(ref _resumeReady) != 0 : _mailbox.HasItems);

    /// <summary>Runs a pending init or resumes after an awaited handler; false when still waiting.</summary>
    private bool TryContinue()
    {
        if ((_flags & SuspendedFlag) != 0)
        {
            if (Volatile.Read(ref _resumeReady) == 0)
            {
                return false;
            }

            _resumeReady = 0;
            Resume();
            return true;
        }

        _flags &= ~InitPendingFlag;
        ValueTask init;
        try
        {
            init = _behaviour.InitAsync(new ProcessContext(this));
            if (!init.IsCompleted)
            {
                Suspend(init, isInit: true);
                return true;
            }

            init.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            Terminate(ExitReason.FromException(ex));
            return true;
        }

        AfterHandler(wasInit: true);
        return true;
    }

    private void Invoke(object message)
    {
        if (message is ReceiveTimeout && IsStaleTimeout())
        {
            return;
        }

        _handled++;
        try
        {
            var handled = _behaviour.ReceiveAsync(new ProcessContext(this), message);
            if (!handled.IsCompleted)
            {
                Suspend(handled, isInit: false);
                return;
            }

            handled.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            Terminate(ExitReason.FromException(ex));
            return;
        }

        if (RequestedStop is { } reason)
        {
            Terminate(reason);
        }
    }

    private void Suspend(ValueTask pending, bool isInit)
    {
        var extras = Extras;
        extras.Pending = pending;
        extras.PendingIsInit = isInit;
        extras.ResumeAction ??= OnResumeReady;
        _flags |= SuspendedFlag;
        pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(extras.ResumeAction);
    }

    private void Resume()
    {
        var extras = _extras!;
        var pending = extras.Pending;
        extras.Pending = default;
        _flags &= ~SuspendedFlag;
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            Terminate(ExitReason.FromException(ex));
            return;
        }

        AfterHandler(extras.PendingIsInit);
    }

    private void AfterHandler(bool wasInit)
    {
        if (RequestedStop is { } reason)
        {
            Terminate(reason);
            return;
        }

        var extras = _extras;
        if (extras is null)
        {
            return;
        }

        if (wasInit)
        {
            extras.StartWaiter?.TrySetResult(Pid);
        }

        if (extras.DeferredUpgrades is { Count: > 0 } deferred)
        {
            foreach (var upgrade in deferred)
            {
                ApplyUpgrade(upgrade);
            }

            deferred.Clear();
        }
    }
}
