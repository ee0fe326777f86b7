using DistSys.Runtime.Internal;

namespace DistSys.Runtime;

/// <summary>Messages and exit signals, local or routed to another node.</summary>
public sealed partial class ProcessRuntime
{
    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="to"/>; never blocks. A message to a
    /// process that is not alive is dropped and counted, as in Erlang.
    /// </summary>
    public void Send(Pid to, object message) => Send(Pid.None, to, message);

    /// <summary>Sends to the process registered as <paramref name="name"/>; false if no process has that name.</summary>
    public bool Send(string name, object message)
    {
        if (!_names.TryGetValue(name, out var pid))
        {
            return false;
        }

        Send(pid, message);
        return true;
    }

    /// <summary>Sends <paramref name="message"/> wrapped as a cast, for a <see cref="GenServer"/>.</summary>
    public void Cast(Pid to, object message) => Send(to, new CastMessage(message));

    /// <summary>
    /// Sends an exit signal (Erlang's exit/2): <see cref="ExitReason.Kill"/> cannot be trapped,
    /// <see cref="ExitReason.Normal"/> is ignored by a process that does not trap exits.
    /// </summary>
    public void Exit(Pid to, ExitReason reason) => Exit(Pid.None, to, reason);

    internal void Exit(Pid from, Pid to, ExitReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        RouteSignal(to, new ExitSignal(from, reason, fromLink: false));
    }

    internal void Send(Pid from, Pid to, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsLocal(to))
        {
            // A process that is exiting may still be in the table until its teardown ends; a message
            // sent once it is dead is undeliverable, whichever side of the teardown it arrives on.
            if (Table.Find(to.Id) is { IsDead: false } process)
            {
                process.Post(message);
            }
            else
            {
                Interlocked.Increment(ref _undeliverable);
            }
        }
        else if (to.Node != NodeId && RemoteRouter is { } router)
        {
            router.Send(from, to, message);
        }
        else
        {
            Interlocked.Increment(ref _undeliverable);
        }
    }

    /// <summary>Delivers a signal, answering for the target when it is not alive or not reachable.</summary>
    internal void RouteSignal(Pid to, Signal signal, Pid watcher = default)
    {
        if (IsLocal(to))
        {
            if (Table.Find(to.Id) is not { } process || !process.PostSignal(signal))
            {
                AnswerFor(to, signal, ExitReason.NoProc);
            }
        }
        else if (to.Node != NodeId && RemoteRouter is { } router)
        {
            RouteRemote(router, to, signal, watcher);
        }
        else
        {
            // A stale incarnation of this node is gone for good; an unknown node is unreachable.
            AnswerFor(to, signal, to.Node == NodeId ? ExitReason.NoProc : ExitReason.NoConnection);
        }
    }

    internal void AnswerNoProc(Pid target, Signal signal) => AnswerFor(target, signal, ExitReason.NoProc);

    internal void DeliverDown(Watcher watcher, MonitorRef reference, Pid target, ExitReason reason)
    {
        if (watcher.Handler is { } handler)
        {
            handler.OnDown(reference, target, reason);
        }
        else
        {
            RouteSignal(watcher.Pid, new DownSignal(reference, target, reason));
        }
    }

    /// <summary>What a signal to a process that is not there means for its sender.</summary>
    private void AnswerFor(Pid target, Signal signal, ExitReason reason)
    {
        switch (signal)
        {
            case LinkSignal link:
                RouteSignal(link.From, new ExitSignal(target, reason, fromLink: true));
                break;
            case MonitorSignal monitor:
                DeliverDown(monitor.Watcher, monitor.Ref, target, reason);
                break;
            case UpgradeSignal upgrade:
                upgrade.Result.TrySetResult(UpgradeResult.Failed(reason));
                break;
        }
    }

    private static void RouteRemote(IRemoteRouter router, Pid to, Signal signal, Pid watcher)
    {
        switch (signal)
        {
            case LinkSignal link:
                router.Link(link.From, to);
                break;
            case UnlinkSignal unlink:
                router.Unlink(unlink.From, to);
                break;
            case ExitSignal exit:
                router.Exit(exit.From, to, exit.Reason, exit.FromLink);
                break;
            case MonitorSignal monitor:
                router.Monitor(monitor.Watcher.Pid, to, monitor.Ref);
                break;
            case DemonitorSignal demonitor:
                router.Demonitor(watcher, to, demonitor.Ref);
                break;
            case DownSignal down:
                router.Down(to, down.Ref, down.Target, down.Reason);
                break;
        }
    }
}
