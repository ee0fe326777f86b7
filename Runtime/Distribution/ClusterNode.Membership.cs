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
    private ulong _epoch;
    private ulong _seenEpoch;

    /// <summary>Raised when a member's state changes (up, leaving, left, down), for logs and REST. Must not block.</summary>
    public event Action<MemberSnapshot>? MemberChanged;

    /// <summary>The membership view, this node included (name, address, incarnation, state, role, last heartbeat).</summary>
    public IReadOnlyList<MemberSnapshot> Members
    {
        get
        {
            lock (_gate)
            {
                return [Self(), .. _peersByName.Values.Select(p => p.Snapshot())];
            }
        }
    }

    /// <summary><paramref name="watcher"/> (a local process) receives <see cref="NodeUp"/> and <see cref="NodeDown"/> messages from now on.</summary>
    public void MonitorNodes(Pid watcher)
    {
        lock (_gate)
        {
            _nodeMonitors.RemoveAll(p => !Runtime.IsAlive(p));
            _nodeMonitors.Add(watcher);
        }
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
        new(Name, _options.Host, (ushort)_port, (uint)Incarnation, MemberStatus.Up, Role == NodeRole.Master ? MemberRole.Master : MemberRole.Worker);

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
        lock (_gate)
        {
            peer.Host = info.Host;
            peer.Port = info.Port;
            peer.Role = info.Role == MemberRole.Master ? NodeRole.Master : NodeRole.Worker;
        }

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
        lock (_gate)
        {
            if (view.Epoch <= _seenEpoch)
            {
                return;
            }

            _seenEpoch = view.Epoch;
            _listed.Clear();
            foreach (var member in view.Members)
            {
                ApplyMemberLocked(member, gone);
            }
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
                StartDial(member.Name);
            }
        }
    }

    private void ApplyMemberLocked(MemberInfo member, List<(Peer, NodeDownReason)> gone)
    {
        var incarnation = (int)(uint)member.Incarnation;
        if (member.Name == Name)
        {
            if (incarnation == Incarnation && member.Status == MemberStatus.Up)
            {
                _joined.TrySetResult();
            }

            return;
        }

        _listed[member.Name] = (incarnation, member.Status);
        _peersByName.TryGetValue(member.Name, out var peer);
        if (member.Status is MemberStatus.Leaving or MemberStatus.Down)
        {
            if (peer is null || peer.Incarnation != incarnation || peer.IsGone)
            {
                return;
            }

            if (member.Status == MemberStatus.Leaving && peer.Connection is { CloseReason: CloseReason.None })
            {
                // It is draining its frames to us: the close of the connection ends it, as Left.
                peer.LeaveAnnounced = true;
                peer.State = MemberState.Leaving;
                return;
            }

            var reason = member.Status == MemberStatus.Leaving ? NodeDownReason.Left : NodeDownReason.ReportedByMaster;
            gone.Add((peer, MarkDownLocked(peer, reason)));
            return;
        }

        if (peer is not null && peer.Incarnation == incarnation && peer.State != MemberState.Down)
        {
            return; // known: connected, being dialled, or left
        }

        // New, a new incarnation, or the same one back after a false down (it rejoined the master): a
        // Joining member again, dialled by the lower name like any other. Its links and monitors already
        // fired noconnection when it went down, as Erlang's do after a nodedown.
        var id = NodeIds.Of(member.Name);
        if (CollidingName(member.Name, id) is { } holder)
        {
            DistributionLog.NameCollision(_logger, member.Name, id, holder);
            return;
        }

        if (peer is not null && !peer.IsGone)
        {
            gone.Add((peer, MarkDownLocked(peer, NodeDownReason.ConnectionLost)));
        }

        var added = AddPeerLocked(member.Name, id, incarnation, null);
        added.Host = member.Host;
        added.Port = member.Port;
        added.Role = member.Role == MemberRole.Master ? NodeRole.Master : NodeRole.Worker;
    }

    /// <summary>Master: a new epoch of the view goes to every connected member.</summary>
    private void BroadcastView()
    {
        MembershipUpdate view;
        Peer[] targets;
        lock (_gate)
        {
            var members = new List<MemberInfo> { SelfInfo() };
            foreach (var peer in _peersByName.Values.Where(p => p.Host.Length > 0))
            {
                members.Add(new MemberInfo(peer.Name, peer.Host, (ushort)peer.Port, (uint)peer.Incarnation, WireStatus(peer.State),
                    peer.Role == NodeRole.Master ? MemberRole.Master : MemberRole.Worker));
            }

            view = new MembershipUpdate(++_epoch, members);
            targets = [.. _peersByName.Values.Where(p => !p.IsGone)];
        }

        foreach (var peer in targets)
        {
            SendSystem(peer, view);
        }
    }

    private static MemberStatus WireStatus(MemberState state) => state switch
    {
        MemberState.Joining => MemberStatus.Joining,
        MemberState.Up => MemberStatus.Up,
        MemberState.Leaving or MemberState.Left => MemberStatus.Leaving,
        _ => MemberStatus.Down,
    };
}
