using DistSys.Runtime.Distribution.Internal;
using DistSys.Transport.Connections;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// Membership: every connection opens with an introduction (a membership update of epoch 0 naming only
/// the sender, with its address and role). The master numbers its views (epoch 1, 2, …) and sends the
/// whole view to every member whenever a member joins, leaves or fails; workers apply views with a higher
/// epoch than the last one seen, connect to new members (the lower name dials) and drop departed ones.
/// </summary>
public sealed partial class ClusterNode
{
    /// <summary>Raised when a member's state changes (up, leaving, left, down), for logs and REST. Must not block.</summary>
    public event Action<MemberSnapshot>? MemberChanged;

    /// <summary>The membership view, this node included (name, address, incarnation, state, role, last heartbeat).</summary>
    public IReadOnlyList<MemberSnapshot> Members
    {
        get
        {
            return [Self(), .. _peers.Snapshots()];
        }
    }

    /// <summary><paramref name="watcher"/> (a local process) receives <see cref="NodeUp"/> and <see cref="NodeDown"/> messages from now on.</summary>
    public void MonitorNodes(Pid watcher)
    {
        _membership.AddNodeMonitor(watcher, Runtime.IsAlive);
    }

    // Raised on connection read loops: a throwing subscriber must not take a connection down with it.
    private void RaiseMemberChanged(MemberSnapshot member)
    {
        try
        {
            MemberChanged?.Invoke(member);
        }
#pragma warning disable CA1031 // Whatever a subscriber throws is its bug, logged; the cluster carries on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            DistributionLog.SubscriberFailed(_logger, member.Name, ex);
        }
    }

    private MemberSnapshot Self() =>
        new(Name, NodeId, _options.Host, _port, Incarnation, IsStopping ? MemberState.Leaving : MemberState.Up, Role, DateTimeOffset.UtcNow);

    private MemberInfo SelfInfo() =>
        new(Name, _options.Host, (ushort)_port, (uint)Incarnation, MemberStatus.Up, NodeRoles.ToWire(Role));

    private void SendIntroduction(Connection connection)
    {
        var introduction = new MembershipUpdate(0, [SelfInfo()]);
        connection.TrySend(new FrameHeader(FrameKind.Membership, FrameFlags.Raw, 0, 0, 0), introduction);
    }

    private void OnMembership(Peer peer, MembershipUpdate update)
    {
        if (update.Epoch == 0)
        {
            OnIntroduction(peer, update);
        }
        else if (peer.Role == NodeRole.Master && Role == NodeRole.Worker)
        {
            ApplyView(update);
        }
        else
        {
            ProtocolException.Throw(ProtocolError.UnexpectedFrame, $"a membership view from {peer.Name}, which is not the master");
        }
    }

    private void OnIntroduction(Peer peer, MembershipUpdate update)
    {
        if (update.Members.Count != 1 || update.Members[0].Name != peer.Name || (int)(uint)update.Members[0].Incarnation != peer.Incarnation)
        {
            ProtocolException.Throw(ProtocolError.Malformed, "an introduction names exactly its sender, as in the handshake");
        }

        var info = update.Members[0];
        peer.Address = new PeerAddress(info.Host, info.Port, NodeRoles.FromWire(info.Role));

        peer.MarkIntroduced();
        RaiseMemberChanged(peer.Snapshot());
        if (Role == NodeRole.Master)
        {
            DistributionLog.NodeJoined(_logger, peer.Name, peer.Incarnation, peer.Host, peer.Port);
            BroadcastView();
        }
    }

    private void ApplyView(MembershipUpdate view)
    {
        var gone = new List<(Peer Peer, NodeDownReason Reason)>();
        if (!_membership.ApplyView(view, gone))
        {
            return;
        }

        foreach (var (peer, reason) in gone)
        {
            NotifyDown(peer, reason);
        }

        // Every view reconciles the mesh: each worker it lists up that this node should dial and is not
        // connected to (new, or back after a false down) gets a dial loop; the loop ignores the others.
        foreach (var member in view.Members)
        {
            if (member.Status == MemberStatus.Up && member.Role == MemberRole.Worker && string.CompareOrdinal(Name, member.Name) < 0)
            {
                _dialer.Start(member.Name);
            }
        }
    }

    /// <summary>Master: a new epoch of the view goes to every connected member.</summary>
    private void BroadcastView()
    {
        var view = _membership.NextView(SelfInfo());
        foreach (var peer in _peers.Live())
        {
            peer.SendSystem(view);
        }
    }
}
