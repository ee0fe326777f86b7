using DistSys.Runtime.Distribution.Internal;

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
        if (_peers.MarkDown(peer, reason) is { } actual)
        {
            NotifyDown(peer, actual);
        }
    }

    private void NotifyDown(Peer peer, NodeDownReason reason)
    {
        var left = reason == NodeDownReason.Left;
        Counters.OnNodeDown(left);
        RuntimeMetrics.NodeDown(reason);
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
        _requests.FailNode(peer.NodeId);
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
        foreach (var watcher in _membership.NodeMonitors())
        {
            Runtime.Send(watcher, message);
        }
    }
}
