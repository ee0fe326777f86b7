using DistSys.Runtime.Distribution.Internal;
using DistSys.Transport.Connections;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// Node down: the peer is closed, every local link to its processes exits noconnection, monitors get
/// DOWN noconnection (both through <see cref="ProcessRuntime.NodeDown"/>), calls and requests waiting on
/// it fail, node monitors get <see cref="NodeDown"/>, and the master tells everyone. A peer that announced
/// its departure is recorded as Left and reported with <see cref="NodeDownReason.Left"/>, not as a failure.
/// </summary>
public sealed partial class ClusterNode
{
    private void DeclareDown(Peer peer, NodeDownReason reason)
    {
        NodeDownReason actual;
        lock (_gate)
        {
            if (peer.IsGone)
            {
                return;
            }

            actual = MarkDownLocked(peer, reason);
        }

        NotifyDown(peer, actual);
    }

    /// <summary>The state change, under the gate; <see cref="NotifyDown"/> does the rest outside it.</summary>
    private static NodeDownReason MarkDownLocked(Peer peer, NodeDownReason reason)
    {
        var left = reason == NodeDownReason.Left || peer.LeaveAnnounced;
        peer.Close(left ? MemberState.Left : MemberState.Down, CloseReason.Local);
        return left ? NodeDownReason.Left : reason;
    }

    private void NotifyDown(Peer peer, NodeDownReason reason)
    {
        var left = reason == NodeDownReason.Left;
        Counters.OnNodeDown(left);
        if (left)
        {
            DistributionLog.MemberLeft(_logger, peer.Name, peer.Incarnation);
        }
        else
        {
            DistributionLog.MemberDown(_logger, peer.Name, peer.Incarnation, reason);
        }

        if (IsStopping)
        {
            return;
        }

        Runtime.NodeDown(peer.NodeId);
        FailPending(peer.NodeId);
        TellNodeMonitors(new NodeDown(peer.Name, reason));
        RaiseMemberChanged(peer.Snapshot());
        if (Role == NodeRole.Master)
        {
            BroadcastView();
        }
        else if (peer.Role == NodeRole.Master)
        {
            RejoinIfMasterLost();
        }
    }

    private void NotifyUp(Peer peer)
    {
        TellNodeMonitors(new NodeUp(peer.Name));
        RaiseMemberChanged(peer.Snapshot());
    }

    private void TellNodeMonitors(object message)
    {
        Pid[] watchers;
        lock (_gate)
        {
            watchers = [.. _nodeMonitors];
        }

        foreach (var watcher in watchers)
        {
            Runtime.Send(watcher, message);
        }
    }
}
