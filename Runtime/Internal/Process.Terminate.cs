using DistSys.Transport.Messages;

namespace DistSys.Runtime.Internal;

/// <summary>
/// Death of a process: runs on the process's own turn, once. Afterwards its slot and name are
/// free, its timers are cancelled, links get an exit signal and monitors a DOWN.
/// </summary>
internal sealed partial class Process
{
    private static readonly object DeadName = new();

    internal void Terminate(ExitReason reason)
    {
        if ((_flags & DeadFlag) != 0)
        {
            return;
        }

        Volatile.Write(ref _flags, _flags | DeadFlag);
        try
        {
            _behaviour.Terminate(new ProcessContext(this), reason);
        }
        catch (Exception)
        {
            // Erlang logs a crash in terminate and keeps the original reason; so do we.
        }

        var late = Interlocked.Exchange(ref _signals, Signal.Closed);
        Runtime.Table.Release(Pid);
        if (Interlocked.Exchange(ref _name, DeadName) is string name)
        {
            Runtime.ReleaseName(name, Pid);
        }

        if (Volatile.Read(ref _extras) is { } extras)
        {
            NotifyOthers(extras, reason);
        }

        for (var signal = Reverse(late); signal is not null; signal = signal.Next)
        {
            Runtime.AnswerNoProc(Pid, signal);
        }

        Runtime.OnExited(Volatile.Read(ref _handled));
    }

    private void NotifyOthers(ProcessExtras extras, ExitReason reason)
    {
        CancelTimers(extras);
        extras.StartWaiter?.TrySetException(new CallException(Pid, reason));
        var announced = reason.Kind == ExitReasonKind.Kill ? ExitReason.Killed : reason;
        if (extras.Links is { } links)
        {
            foreach (var linked in links)
            {
                Runtime.RouteSignal(linked, new ExitSignal(Pid, announced, fromLink: true));
            }
        }

        if (extras.WatchedBy is { } watchedBy)
        {
            foreach (var (reference, watcher) in watchedBy)
            {
                Runtime.DeliverDown(watcher, reference, Pid, announced);
            }
        }

        if (extras.Watching is { } watching)
        {
            foreach (var (reference, target) in watching)
            {
                Runtime.RouteSignal(target, new DemonitorSignal(reference), watcher: Pid);
            }
        }

        if (extras.DeferredUpgrades is { } upgrades)
        {
            foreach (var upgrade in upgrades)
            {
                upgrade.Result.TrySetResult(UpgradeResult.Failed(ExitReason.NoProc));
            }
        }
    }

    /// <summary>Registers this process's name; false with why if it is dead or already named.</summary>
    internal bool TrySetName(string name, out string? why)
    {
        var previous = Interlocked.CompareExchange(ref _name, name, null);
        why = previous switch
        {
            null => null,
            string other => $"it is already registered as '{other}'",
            _ => "it is not alive",
        };
        return previous is null;
    }

    internal bool TryClearName(string name) => Interlocked.CompareExchange(ref _name, null, name) == (object)name;

    internal string? Name => Volatile.Read(ref _name) as string;
}
