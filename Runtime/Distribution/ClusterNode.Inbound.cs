using DistSys.Runtime.Distribution.Internal;
using DistSys.Transport.Connections;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using MessagePack;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// What arrives from other nodes, on each connection's read loop, in order. Pids in signals must name
/// the sending node on one side and this node on the other; anything else is a protocol violation that
/// closes the connection. A user message that does not decode is dropped, counted and logged.
/// </summary>
public sealed partial class ClusterNode
{
    private static readonly TransportLimits Limits = TransportLimits.Default;

    internal void OnFrame(in Frame frame, Connection connection)
    {
        if (!_peers.TryGet(connection, out var peer))
        {
            peer = Adopt(connection);
        }

        if (peer is null || peer.IsGone)
        {
            return;
        }

        switch (frame.Header.Kind)
        {
            case FrameKind.Message:
                OnUserMessage(peer, frame);
                break;
            case FrameKind.Link:
                var link = SystemMessage.Read<WireLink>(frame, Limits);
                Runtime.DeliverLink(WirePids.FromPeer(peer, link.From), ToLocal(link.To));
                break;
            case FrameKind.Unlink:
                var unlink = SystemMessage.Read<WireUnlink>(frame, Limits);
                Runtime.DeliverUnlink(WirePids.FromPeer(peer, unlink.From), ToLocal(unlink.To));
                break;
            case FrameKind.Exit:
                var exit = SystemMessage.Read<WireExit>(frame, Limits);
                Runtime.DeliverExit(WirePids.FromPeer(peer, exit.From), ToLocal(exit.To), ExitReasons.FromWire(exit.Reason), fromLink: (frame.Header.Flags & FrameFlags.Linked) != 0);
                break;
            case FrameKind.Monitor:
                var monitor = SystemMessage.Read<MonitorRequest>(frame, Limits);
                Runtime.DeliverMonitor(WirePids.FromPeer(peer, monitor.Watcher), ToLocal(monitor.Watched), new MonitorRef((long)monitor.Ref));
                break;
            case FrameKind.Demonitor:
                var demonitor = SystemMessage.Read<DemonitorRequest>(frame, Limits);
                WirePids.FromPeer(peer, demonitor.Watcher);
                Runtime.DeliverDemonitor(ToLocal(demonitor.Watched), new MonitorRef((long)demonitor.Ref));
                break;
            case FrameKind.Down:
                var down = SystemMessage.Read<WireDown>(frame, Limits);
                Runtime.DeliverDown(LocalPid(frame.Header.Target), new MonitorRef((long)down.Ref), WirePids.FromPeer(peer, down.Pid), ExitReasons.FromWire(down.Reason));
                break;
            case FrameKind.SpawnRequest:
                _spawns.OnSpawnRequest(peer, SystemMessage.Read<SpawnRequest>(frame, Limits), frame.Header.Correlation);
                break;
            case FrameKind.SpawnReply:
                _spawns.OnSpawnReply(SystemMessage.Read<SpawnReply>(frame, Limits), frame.Header.Correlation);
                break;
            case FrameKind.Membership:
                OnMembership(peer, SystemMessage.Read<MembershipUpdate>(frame, Limits));
                break;
            case FrameKind.NodeLeaving:
                OnNodeLeaving(peer, SystemMessage.Read<NodeLeaving>(frame, Limits));
                break;
            default:
                ProtocolException.Throw(ProtocolError.UnexpectedFrame, $"a {frame.Header.Kind} frame after the handshake");
                break;
        }
    }

    private void OnUserMessage(Peer peer, in Frame frame)
    {
        var header = frame.Header;
        if (header.Status != 0)
        {
            ProtocolException.Throw(ProtocolError.Malformed, "cluster messages carry no status"); // the plugin IPC's field only
        }

        object? value;
        try
        {
            value = PayloadCodec.Decode(MessageTypes, frame.Payload, header.Flags);
        }
        catch (MessagePackSerializationException ex)
        {
            Counters.OnDropped();
            DistributionLog.UndecodableMessage(_logger, peer.Name, ex.Message);
            return;
        }

        Counters.OnReceived();
        if ((header.Correlation & RemoteRequests.ReplyBit) != 0)
        {
            _requests.Complete(header.Correlation & ~RemoteRequests.ReplyBit, value);
        }
        else if (header.Target == 0 && value is PeerUnreachable report)
        {
            OnPeerUnreachable(peer, header.Correlation, report);
        }
        else if (header.Target == 0)
        {
            _globals.OnNodeRequest(peer, header.Correlation, value);
        }
        else if (value is null)
        {
            Counters.OnDropped();
        }
        else if (header.Correlation != 0)
        {
            _requests.DeliverCall(peer, LocalPid(header.Target), header.Correlation, value);
        }
        else
        {
            Runtime.Send(new Pid(peer.NodeId, peer.Incarnation, (long)header.Sender), LocalPid(header.Target), value);
        }
    }

    private void OnNodeLeaving(Peer peer, NodeLeaving leaving)
    {
        if (leaving.Node != peer.Name || (int)(uint)leaving.Incarnation != peer.Incarnation)
        {
            ProtocolException.Throw(ProtocolError.Malformed, "a node announces only its own departure");
        }

        peer.AnnounceLeave();

        DistributionLog.MemberLeaving(_logger, peer.Name, leaving.Reason);
        RaiseMemberChanged(peer.Snapshot());
        if (Role == NodeRole.Master)
        {
            BroadcastView();
        }
    }

    private Pid LocalPid(ulong id) => new(NodeId, Incarnation, (long)id);

    /// <summary>A pid on this node (a stale incarnation stays stale: the runtime treats it as dead).</summary>
    private Pid ToLocal(WirePid pid)
    {
        if (pid.Node != Name)
        {
            ProtocolException.Throw(ProtocolError.Malformed, $"a signal for node '{pid.Node}' arrived at '{Name}'");
        }

        return new Pid(NodeId, (int)(uint)pid.Incarnation, (long)pid.Id);
    }
}
