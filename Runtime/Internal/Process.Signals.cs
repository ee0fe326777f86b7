using DistSys.Transport.Messages;

namespace DistSys.Runtime.Internal;

/// <summary>How a process reacts to system signals (Erlang's signal semantics).</summary>
internal sealed partial class Process
{
    private void DrainSignals()
    {
        var batch = Reverse(Interlocked.Exchange(ref _signals, null));
        while (batch is not null)
        {
            var signal = batch;
            batch = batch.Next;
            signal.Next = null;
            if (IsDead)
            {
                Runtime.AnswerNoProc(Pid, signal);
                continue;
            }

            Handle(signal);
        }
    }

    /// <summary>The stack holds newest first; senders expect their signals in the order they sent them.</summary>
    private static Signal? Reverse(Signal? head)
    {
        Signal? reversed = null;
        while (head is not null)
        {
            var next = head.Next;
            head.Next = reversed;
            reversed = head;
            head = next;
        }

        return reversed;
    }

    private void Handle(Signal signal)
    {
        switch (signal)
        {
            case LinkSignal link when link.From != Pid:
                Extras.LinkSet.Add(link.From);
                break;
            case UnlinkSignal unlink:
                _extras?.Links?.Remove(unlink.From);
                break;
            case ExitSignal exit:
                OnExitSignal(exit.From, exit.Reason, exit.FromLink);
                break;
            case MonitorSignal monitor:
                Extras.WatchedByMap[monitor.Ref] = monitor.Watcher;
                break;
            case DemonitorSignal demonitor:
                _extras?.WatchedBy?.Remove(demonitor.Ref);
                break;
            case DownSignal down:
                OnDown(down.Ref, down.Target, down.Reason);
                break;
            case NodeDownSignal nodeDown:
                OnNodeDown(nodeDown.Node);
                break;
            case ContinuationSignal continuation:
                RunContinuation(continuation);
                break;
            case UpgradeSignal upgrade when (_flags & SuspendedFlag) != 0:
                (Extras.DeferredUpgrades ??= []).Add(upgrade);
                break;
            case UpgradeSignal upgrade:
                ApplyUpgrade(upgrade);
                break;
        }
    }

    private void OnExitSignal(Pid from, ExitReason reason, bool fromLink)
    {
        if (fromLink && _extras?.Links?.Remove(from) != true)
        {
            return; // unlinked in the meantime: the signal is stale
        }

        if (!fromLink && reason.Kind == ExitReasonKind.Kill)
        {
            Terminate(ExitReason.Killed);
        }
        else if (TrapExit)
        {
            ForceEnqueue(new ExitMessage(from, reason));
        }
        else if (!reason.IsNormal)
        {
            Terminate(reason);
        }
    }

    private void OnDown(MonitorRef reference, Pid target, ExitReason reason)
    {
        if (_extras?.Watching?.Remove(reference) == true)
        {
            ForceEnqueue(new Down(reference, target, reason));
        }
    }

    private void OnNodeDown(int node)
    {
        if (_extras?.Watching is { Count: > 0 } watching)
        {
            foreach (var (reference, target) in watching.Where(w => w.Value.Node == node).ToList())
            {
                OnDown(reference, target, ExitReason.NoConnection);
            }
        }

        if (_extras?.Links is { Count: > 0 } links)
        {
            foreach (var linked in links.Where(l => l.Node == node).ToList())
            {
                OnExitSignal(linked, ExitReason.NoConnection, fromLink: true);
                if (IsDead)
                {
                    return;
                }
            }
        }
    }

    private void ApplyUpgrade(UpgradeSignal upgrade)
    {
        Behaviour next;
        try
        {
            next = upgrade.CodeChange(_behaviour) ?? throw new InvalidOperationException("the code change returned no behaviour");
        }
        catch (Exception ex)
        {
            upgrade.Result.TrySetResult(UpgradeResult.Failed(ExitReason.FromException(ex)));
            return;
        }

        _behaviour = next;
        upgrade.Result.TrySetResult(UpgradeResult.Ok);
    }

    /// <summary>Messages produced by signals (EXIT, DOWN, timeouts) bypass the mailbox bound.</summary>
    internal void ForceEnqueue(object message)
    {
        _mailbox.TryEnqueue(message, 0);
        if (Volatile.Read(ref _status) == Idle)
        {
            TrySchedule();
        }
    }
}
