using System.Buffers;
using DistSys.Transport.Messages;
using MessagePack;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// Remote spawn: a SpawnRequest names a behaviour registered in the target node's <see cref="BehaviourRegistry"/>
/// and carries its arguments as MessagePack; the reply carries the new pid or why it failed. With a link,
/// the new process is linked to the requester on its node right after the reply is queued, and the requester
/// to it here when the reply is read, so an exit along the link always arrives after the link exists. With a
/// monitor (Erlang's spawn_monitor), the watcher's side is recorded before the request leaves, and the new
/// process is monitored on its node as soon as the reply is queued (a process already gone answers DOWN
/// noproc), so its death always reaches the watcher; the monitor reference travels as the request's
/// correlation id (<see cref="RemoteRequests.MonitorBit"/>). Requests wait in <see cref="RemoteRequests"/>;
/// this part holds no state and takes no lock.
/// </summary>
internal sealed class RemoteSpawns(
    string nodeName, ProcessRuntime runtime, BehaviourRegistry behaviours, MessageTypes types, PeerTable peers, RemoteRequests requests)
{
    /// <summary><see cref="ClusterNode.SpawnAsync"/>.</summary>
    public async Task<Pid> SpawnAsync(string node, string behaviour, object? args, TimeSpan timeout, Pid link = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentException.ThrowIfNullOrEmpty(behaviour);
        var encoded = EncodeArgs(args);
        Pid pid;
        if (node == nodeName)
        {
            pid = SpawnLocally(behaviour, encoded, link, monitor: default);
        }
        else
        {
            var peer = SpawnTarget(node, behaviour);
            var options = link.IsNone ? SpawnFlags.None : SpawnFlags.Link;
            pid = await SpawnRemotelyAsync(peer, behaviour, encoded, WirePids.Of(nodeName, link), options, requests.Add(new PendingTask(peer.NodeId) { LinkTo = link }), timeout).ConfigureAwait(false);
        }

        return pid;
    }

    private byte[] EncodeArgs(object? args) => args is null
        ? MessagePackSerializer.Serialize<object?>(null, types.SerializerOptions, CancellationToken.None)
        : MessagePackSerializer.Serialize(args.GetType(), args, types.SerializerOptions);

    private Peer SpawnTarget(string node, string behaviour)
    {
        var peer = peers.Named(node);
        return peer is null || peer.IsGone ? throw new RemoteSpawnException(node, behaviour, "the node is not a connected member") : peer;
    }

    private Pid SpawnLocally(string behaviour, byte[] args, Pid link, (Pid Watcher, MonitorRef Ref) monitor)
    {
        var reply = SpawnHere(behaviour, new ReadOnlySequence<byte>(args), out var pid);
        if (!reply.IsSuccess)
        {
            throw new RemoteSpawnException(nodeName, behaviour, reply.Error!);
        }

        LinkAndMonitor(pid, link, monitor);
        if (!link.IsNone)
        {
            runtime.DeliverLink(pid, link);
        }

        return pid;
    }

    private async Task<Pid> SpawnRemotelyAsync(Peer peer, string behaviour, byte[] encoded, WirePid requester, SpawnFlags options, ulong id, TimeSpan timeout)
    {
        requests.TryGet(id, out var request);
        var pending = (PendingTask)request!;
        if (!peer.SendSystem(new SpawnRequest(requester, behaviour, options, new ReadOnlySequence<byte>(encoded)), correlation: id))
        {
            requests.Forget(id);
            throw new RemoteSpawnException(peer.Name, behaviour, "the node is unreachable");
        }

        object? answer;
        try
        {
            answer = await pending.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            requests.Forget(id);
            throw;
        }
        catch (CallException ex)
        {
            throw new RemoteSpawnException(peer.Name, behaviour, ex.Reason.ToString());
        }

        return answer is Pid pid ? pid : throw new RemoteSpawnException(peer.Name, behaviour, answer as string ?? "no pid in the reply");
    }

    public void OnSpawnRequest(Peer peer, SpawnRequest request, ulong correlation)
    {
        var requester = request.Options == SpawnFlags.None ? Pid.None : WirePids.FromPeer(peer, request.Requester);
        var link = request.Options.HasFlag(SpawnFlags.Link) ? requester : Pid.None;
        var monitor = request.Options.HasFlag(SpawnFlags.Monitor) ? (requester, RemoteRequests.MonitorRefOf(correlation)) : default;
        // The reply leaves before the link and monitor exist, so an exit or DOWN they cause can only follow it
        // on this connection; the requester links on its read loop when the reply arrives (OnSpawnReply).
        peer.SendSystem(SpawnHere(request.Behaviour, request.Args, out var pid), correlation: correlation);
        if (!pid.IsNone)
        {
            LinkAndMonitor(pid, link, monitor);
        }
    }

    public void OnSpawnReply(SpawnReply reply, ulong correlation)
    {
        if (requests.TryGet(correlation, out var pending) && reply.IsSuccess && peers.ById(NodeIds.Of(reply.Pid.Node)) is { } peer)
        {
            var pid = new Pid(peer.NodeId, (int)(uint)reply.Pid.Incarnation, (long)reply.Pid.Id);
            if (pending is PendingTask { LinkTo.IsNone: false } spawn)
            {
                // Here, on the read loop, before any later frame: an exit along the new link cannot overtake it.
                runtime.DeliverLink(pid, spawn.LinkTo);
            }

            requests.Complete(correlation, pid);
        }
        else if (pending is not null)
        {
            requests.Complete(correlation, reply.Error ?? "the reply names an unknown node");
        }
    }

    private SpawnReply SpawnHere(string behaviour, ReadOnlySequence<byte> args, out Pid pid)
    {
        pid = Pid.None;
        try
        {
            pid = runtime.Spawn(behaviours.Create(behaviour, args, types.SerializerOptions));
            return SpawnReply.Success(WirePids.Of(nodeName, pid));
        }
#pragma warning disable CA1031 // A failing factory is the requester's problem, reported in the reply, never the connection's.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var message = ex.Message;
            return SpawnReply.Failure(message.Length <= 1024 ? message : message[..1024]);
        }
    }

    /// <summary>The new process's side of the link and monitor (a process already gone answers them with noproc).</summary>
    private void LinkAndMonitor(Pid pid, Pid linkTo, (Pid Watcher, MonitorRef Ref) monitor)
    {
        if (!linkTo.IsNone)
        {
            runtime.DeliverLink(linkTo, pid);
        }

        if (!monitor.Watcher.IsNone)
        {
            runtime.DeliverMonitor(monitor.Watcher, pid, monitor.Ref);
        }
    }

    /// <summary><see cref="ClusterNode.SpawnMonitorAsync"/>.</summary>
    public async Task<(Pid Pid, MonitorRef Monitor)> SpawnMonitorAsync(string node, string behaviour, object? args, Pid watcher, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentException.ThrowIfNullOrEmpty(behaviour);
        if (!runtime.IsAlive(watcher))
        {
            throw new ArgumentException($"the watcher {watcher} is not a live local process", nameof(watcher));
        }

        var encoded = EncodeArgs(args);
        var reference = runtime.NewMonitorRef();
        if (node == nodeName)
        {
            Watch(watcher, reference, Pid.None, replace: false);
            var local = SpawnLocally(behaviour, encoded, Pid.None, (watcher, reference));
            Watch(watcher, reference, local, replace: true);
            return (local, reference);
        }

        var peer = SpawnTarget(node, behaviour);

        // Until the reply names the process, the monitor points at its node, so node down still fires it.
        Watch(watcher, reference, new Pid(peer.NodeId, peer.Incarnation, 0), replace: false);
        var id = requests.AddMonitored(reference, new PendingTask(peer.NodeId));
        try
        {
            var pid = await SpawnRemotelyAsync(peer, behaviour, encoded, WirePids.Of(nodeName, watcher), SpawnFlags.Monitor, id, timeout).ConfigureAwait(false);
            Watch(watcher, reference, pid, replace: true);
            return (pid, reference);
        }
        catch
        {
            Unwatch(watcher, reference);
            throw;
        }
    }

    /// <summary>Records the watcher's side of a monitor in the watcher's own turn (its state is only ever touched there).</summary>
    private void Watch(Pid watcher, MonitorRef reference, Pid target, bool replace)
    {
        var process = runtime.Table.Find(watcher.Id);
        process?.Post(
            _ =>
            {
                var watching = process.Extras.WatchingMap;
                if (replace && !watching.ContainsKey(reference))
                {
                    return; // a DOWN already delivered removed it: nothing is left to point
                }

                watching[reference] = target;

                // Node down may have looked at this process before this entry existed: answer for it then.
                Interlocked.MemoryBarrier();
                if (!target.IsNone && !peers.TryLive(target, out Peer _) && watching.Remove(reference))
                {
                    process.ForceEnqueue(new Down(reference, target, ExitReason.NoConnection));
                }
            },
            null);
    }

    private void Unwatch(Pid watcher, MonitorRef reference)
    {
        var process = runtime.Table.Find(watcher.Id);
        process?.Post(_ => process.ExtrasOrNull?.Watching?.Remove(reference), null);
    }
}
