using System.Buffers;
using DistSys.Runtime.Distribution.Internal;
using DistSys.Transport.Messages;
using MessagePack;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// Remote spawn: a SpawnRequest names a behaviour registered in the target node's <see cref="BehaviourRegistry"/>
/// and carries its arguments as MessagePack; the reply carries the new pid or why it failed. With a link,
/// the new process is linked to the requester on its node before it runs, and the requester to it here.
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
        var encoded = args is null
            ? MessagePackSerializer.Serialize<object?>(null, MessageTypes.SerializerOptions, CancellationToken.None)
            : MessagePackSerializer.Serialize(args.GetType(), args, MessageTypes.SerializerOptions);
        var pid = node == Name ? SpawnLocally(behaviour, encoded, link) : await SpawnRemotelyAsync(node, behaviour, encoded, link, timeout).ConfigureAwait(false);
        if (!link.IsNone)
        {
            Runtime.DeliverLink(pid, link);
        }

        return pid;
    }

    private Pid SpawnLocally(string behaviour, byte[] args, Pid link)
    {
        var reply = SpawnHere(behaviour, new ReadOnlySequence<byte>(args), link);
        return reply.IsSuccess ? new Pid(NodeId, (int)(uint)reply.Pid.Incarnation, (long)reply.Pid.Id) : throw new RemoteSpawnException(Name, behaviour, reply.Error!);
    }

    private async Task<Pid> SpawnRemotelyAsync(string node, string behaviour, byte[] encoded, Pid link, TimeSpan timeout)
    {
        var peer = PeerNamed(node);
        if (peer is null || peer.IsGone)
        {
            throw new RemoteSpawnException(node, behaviour, "the node is not a connected member");
        }

        var pending = new PendingTask(peer.NodeId);
        var id = AddPending(pending);
        var request = new SpawnRequest(ToWire(link), behaviour, link.IsNone ? Transport.Messages.SpawnOptions.None : Transport.Messages.SpawnOptions.Link, new ReadOnlySequence<byte>(encoded));
        if (!SendSystem(peer, request, correlation: id))
        {
            _pending.TryRemove(id, out _);
            throw new RemoteSpawnException(node, behaviour, "the node is unreachable");
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
            throw new RemoteSpawnException(node, behaviour, ex.Reason.ToString());
        }

        return answer is Pid pid ? pid : throw new RemoteSpawnException(node, behaviour, answer as string ?? "no pid in the reply");
    }

    private void OnSpawnRequest(Peer peer, SpawnRequest request, ulong correlation)
    {
        var requester = request.Options.HasFlag(Transport.Messages.SpawnOptions.Link) ? FromPeer(peer, request.Requester) : Pid.None;
        SendSystem(peer, SpawnHere(request.Behaviour, request.Args, requester), correlation: correlation);
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

    private SpawnReply SpawnHere(string behaviour, ReadOnlySequence<byte> args, Pid linkTo)
    {
        try
        {
            var pid = Runtime.Spawn(Behaviours.Create(behaviour, args, MessageTypes.SerializerOptions));
            if (!linkTo.IsNone)
            {
                Runtime.DeliverLink(linkTo, pid);
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
