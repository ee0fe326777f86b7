using System.Buffers;
using DistSys.Runtime.Distribution.Internal;
using DistSys.Transport.Messages;
using MessagePack;
using WireSpawnOptions = DistSys.Transport.Messages.SpawnOptions;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// Remote spawn: a SpawnRequest names a behaviour registered in the target node's <see cref="BehaviourRegistry"/>
/// and carries its arguments as MessagePack; the reply carries the new pid or why it failed. With a link,
/// the new process is linked to the requester on its node right after the reply is queued, and the requester
/// to it here when the reply is read, so an exit along the link always arrives after the link exists; with a
/// monitor (ClusterNode.SpawnMonitor.cs), the watcher's side is recorded before the request leaves.
/// </summary>
public sealed partial class ClusterNode
{
    /// <summary>
    /// Spawns the behaviour registered as <paramref name="behaviour"/> on node <paramref name="node"/> with
    /// <paramref name="args"/> (MessagePack-serialized); when <paramref name="link"/> names a local process, the
    /// new process is linked to it. Fails with <see cref="RemoteSpawnException"/> (unknown node or behaviour,
    /// bad arguments, node down) or <see cref="TimeoutException"/>.
    /// </summary>
    public async Task<Pid> SpawnAsync(string node, string behaviour, object? args, TimeSpan timeout, Pid link = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentException.ThrowIfNullOrEmpty(behaviour);
        var encoded = EncodeArgs(args);
        Pid pid;
        if (node == Name)
        {
            pid = SpawnLocally(behaviour, encoded, link, monitor: default);
        }
        else
        {
            var peer = SpawnTarget(node, behaviour);
            var options = link.IsNone ? WireSpawnOptions.None : WireSpawnOptions.Link;
            pid = await SpawnRemotelyAsync(peer, behaviour, encoded, ToWire(link), options, _requests.Add(new PendingTask(peer.NodeId) { LinkTo = link }), timeout).ConfigureAwait(false);
        }

        return pid;
    }

    private byte[] EncodeArgs(object? args) => args is null
        ? MessagePackSerializer.Serialize<object?>(null, MessageTypes.SerializerOptions, CancellationToken.None)
        : MessagePackSerializer.Serialize(args.GetType(), args, MessageTypes.SerializerOptions);

    private Peer SpawnTarget(string node, string behaviour)
    {
        var peer = _peers.Named(node);
        return peer is null || peer.IsGone ? throw new RemoteSpawnException(node, behaviour, "the node is not a connected member") : peer;
    }

    private Pid SpawnLocally(string behaviour, byte[] args, Pid link, (Pid Watcher, MonitorRef Ref) monitor)
    {
        var reply = SpawnHere(behaviour, new ReadOnlySequence<byte>(args), out var pid);
        if (!reply.IsSuccess)
        {
            throw new RemoteSpawnException(Name, behaviour, reply.Error!);
        }

        LinkAndMonitor(pid, link, monitor);
        if (!link.IsNone)
        {
            Runtime.DeliverLink(pid, link);
        }

        return pid;
    }

    private async Task<Pid> SpawnRemotelyAsync(Peer peer, string behaviour, byte[] encoded, WirePid requester, WireSpawnOptions options, ulong id, TimeSpan timeout)
    {
        _requests.TryGet(id, out var request);
        var pending = (PendingTask)request!;
        if (!SendSystem(peer, new SpawnRequest(requester, behaviour, options, new ReadOnlySequence<byte>(encoded)), correlation: id))
        {
            _requests.Forget(id);
            throw new RemoteSpawnException(peer.Name, behaviour, "the node is unreachable");
        }

        object? answer;
        try
        {
            answer = await pending.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _requests.Forget(id);
            throw;
        }
        catch (CallException ex)
        {
            throw new RemoteSpawnException(peer.Name, behaviour, ex.Reason.ToString());
        }

        return answer is Pid pid ? pid : throw new RemoteSpawnException(peer.Name, behaviour, answer as string ?? "no pid in the reply");
    }

    private void OnSpawnRequest(Peer peer, SpawnRequest request, ulong correlation)
    {
        var requester = request.Options == WireSpawnOptions.None ? Pid.None : FromPeer(peer, request.Requester);
        var link = request.Options.HasFlag(WireSpawnOptions.Link) ? requester : Pid.None;
        var monitor = request.Options.HasFlag(WireSpawnOptions.Monitor) ? (requester, RemoteRequests.MonitorRefOf(correlation)) : default;
        // The reply leaves before the link and monitor exist, so an exit or DOWN they cause can only follow it
        // on this connection; the requester links on its read loop when the reply arrives (OnSpawnReply).
        SendSystem(peer, SpawnHere(request.Behaviour, request.Args, out var pid), correlation: correlation);
        if (!pid.IsNone)
        {
            LinkAndMonitor(pid, link, monitor);
        }
    }

    private void OnSpawnReply(SpawnReply reply, ulong correlation)
    {
        if (_requests.TryGet(correlation, out var pending) && reply.IsSuccess && _peers.ById(NodeIds.Of(reply.Pid.Node)) is { } peer)
        {
            var pid = new Pid(peer.NodeId, (int)(uint)reply.Pid.Incarnation, (long)reply.Pid.Id);
            if (pending is PendingTask { LinkTo.IsNone: false } spawn)
            {
                // Here, on the read loop, before any later frame: an exit along the new link cannot overtake it.
                Runtime.DeliverLink(pid, spawn.LinkTo);
            }

            _requests.Complete(correlation, pid);
        }
        else if (pending is not null)
        {
            _requests.Complete(correlation, reply.Error ?? "the reply names an unknown node");
        }
    }

    private SpawnReply SpawnHere(string behaviour, ReadOnlySequence<byte> args, out Pid pid)
    {
        pid = Pid.None;
        try
        {
            pid = Runtime.Spawn(Behaviours.Create(behaviour, args, MessageTypes.SerializerOptions));
            return SpawnReply.Success(ToWire(pid));
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
            Runtime.DeliverLink(linkTo, pid);
        }

        if (!monitor.Watcher.IsNone)
        {
            Runtime.DeliverMonitor(monitor.Watcher, pid, monitor.Ref);
        }
    }
}
