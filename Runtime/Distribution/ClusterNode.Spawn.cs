using System.Buffers;
using DistSys.Runtime.Distribution.Internal;
using DistSys.Transport.Messages;
using MessagePack;
using WireSpawnOptions = DistSys.Transport.Messages.SpawnOptions;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// Remote spawn: a SpawnRequest names a behaviour registered in the target node's <see cref="BehaviourRegistry"/>
/// and carries its arguments as MessagePack; the reply carries the new pid or why it failed. With a link,
/// the new process is linked to the requester on its node before it runs, and the requester to it here;
/// with a monitor (ClusterNode.SpawnMonitor.cs), the monitor is set up there before it runs.
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
            pid = await SpawnRemotelyAsync(peer, behaviour, encoded, ToWire(link), options, AddPending(new PendingTask(peer.NodeId)), timeout).ConfigureAwait(false);
        }

        if (!link.IsNone)
        {
            Runtime.DeliverLink(pid, link);
        }

        return pid;
    }

    private byte[] EncodeArgs(object? args) => args is null
        ? MessagePackSerializer.Serialize<object?>(null, MessageTypes.SerializerOptions, CancellationToken.None)
        : MessagePackSerializer.Serialize(args.GetType(), args, MessageTypes.SerializerOptions);

    private Peer SpawnTarget(string node, string behaviour)
    {
        var peer = PeerNamed(node);
        return peer is null || peer.IsGone ? throw new RemoteSpawnException(node, behaviour, "the node is not a connected member") : peer;
    }

    private Pid SpawnLocally(string behaviour, byte[] args, Pid link, (Pid Watcher, MonitorRef Ref) monitor)
    {
        var reply = SpawnHere(behaviour, new ReadOnlySequence<byte>(args), link, monitor);
        return reply.IsSuccess ? new Pid(NodeId, (int)(uint)reply.Pid.Incarnation, (long)reply.Pid.Id) : throw new RemoteSpawnException(Name, behaviour, reply.Error!);
    }

    private async Task<Pid> SpawnRemotelyAsync(Peer peer, string behaviour, byte[] encoded, WirePid requester, WireSpawnOptions options, ulong id, TimeSpan timeout)
    {
        var pending = (PendingTask)_pending[id];
        if (!SendSystem(peer, new SpawnRequest(requester, behaviour, options, new ReadOnlySequence<byte>(encoded)), correlation: id))
        {
            _pending.TryRemove(id, out _);
            throw new RemoteSpawnException(peer.Name, behaviour, "the node is unreachable");
        }

        object? answer;
        try
        {
            answer = await pending.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _pending.TryRemove(id, out _);
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
        var monitor = request.Options.HasFlag(WireSpawnOptions.Monitor) ? (requester, MonitorRefOf(correlation)) : default;
        SendSystem(peer, SpawnHere(request.Behaviour, request.Args, link, monitor), correlation: correlation);
    }

    private void OnSpawnReply(SpawnReply reply, ulong correlation)
    {
        if (_pending.TryGetValue(correlation, out var pending) && reply.IsSuccess && _peersById.TryGetValue(NodeIds.Of(reply.Pid.Node), out var peer))
        {
            CompletePending(correlation, new Pid(peer.NodeId, (int)(uint)reply.Pid.Incarnation, (long)reply.Pid.Id));
        }
        else if (pending is not null)
        {
            CompletePending(correlation, reply.Error ?? "the reply names an unknown node");
        }
    }

    /// <summary>Spawns here; the link and monitor are in place before the new process handles anything.</summary>
    private SpawnReply SpawnHere(string behaviour, ReadOnlySequence<byte> args, Pid linkTo, (Pid Watcher, MonitorRef Ref) monitor)
    {
        try
        {
            var pid = Runtime.Spawn(Behaviours.Create(behaviour, args, MessageTypes.SerializerOptions));
            if (!linkTo.IsNone)
            {
                Runtime.DeliverLink(linkTo, pid);
            }

            if (!monitor.Watcher.IsNone)
            {
                Runtime.DeliverMonitor(monitor.Watcher, pid, monitor.Ref);
            }

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
}
