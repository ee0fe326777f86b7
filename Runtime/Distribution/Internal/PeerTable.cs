using System.Collections.Concurrent;
using DistSys.Transport.Connections;
using DistSys.Transport.Messages;
using Microsoft.Extensions.Logging;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// The peer table: which incarnation of each node this node knows, and the one connection kept to it.
/// It owns its maps and its lock; the hot path (routing a pid to its peer) reads the id map without
/// the lock. Lock order (see <see cref="Membership"/>): this lock is the innermost one — nothing here
/// calls another part or raises anything while holding it; the listed view it consults (<paramref name="listedGone"/>)
/// is a lock-free snapshot published by <see cref="Membership"/>.
/// </summary>
internal sealed class PeerTable(
    string selfName, int selfId, long backlogLimitBytes, ClusterCounters counters, ILogger logger, Func<bool> isStopping, Func<string, int, bool> listedGone)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Peer> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, Peer> _byId = new();
    private readonly ConcurrentDictionary<Connection, Peer?> _byConnection = new();

    /// <summary>The peer a connection was adopted as (null: refused); false when the connection is new.</summary>
    public bool TryGet(Connection connection, out Peer? peer) => _byConnection.TryGetValue(connection, out peer);

    /// <summary>Forgets a closed connection; the peer it belonged to, if it was adopted.</summary>
    public bool TryRemove(Connection connection, out Peer? peer) => _byConnection.TryRemove(connection, out peer);

    /// <summary>Every connection seen, adopted or refused (to close them all).</summary>
    public Connection[] Connections() => [.. _byConnection.Keys];

    /// <summary>
    /// Makes an authenticated connection the one kept to its node, or refuses it (null). Rules: a name whose
    /// id collides with another member's is refused; a second live connection to the same incarnation is
    /// refused (the first one stays, on both sides); a new incarnation replaces the old one, returned in
    /// <paramref name="replaced"/> to be declared down by the caller outside this lock.
    /// </summary>
    public Peer? Adopt(Connection connection, out bool known, out (Peer Peer, NodeDownReason Reason)? replaced)
    {
        lock (_gate)
        {
            replaced = null;
            if (_byConnection.TryGetValue(connection, out var peer))
            {
                known = true;
                return peer;
            }

            known = false;
            peer = AdoptLocked(connection, out replaced);
            _byConnection[connection] = peer;
            return peer;
        }
    }

    private Peer? AdoptLocked(Connection connection, out (Peer Peer, NodeDownReason Reason)? replaced)
    {
        replaced = null;
        var info = connection.Peer!;
        var id = NodeIds.Of(info.Name);
        var incarnation = (int)(uint)info.Incarnation;
        if (isStopping())
        {
            return null;
        }

        if (CollidingName(info.Name, id) is { } holder)
        {
            counters.OnRefused();
            DistributionLog.NameCollision(logger, info.Name, id, holder);
            return null;
        }

        if (listedGone(info.Name, incarnation))
        {
            return null; // the master's view wins: a member it reports down or left is not taken back before it rejoins
        }

        _byName.TryGetValue(info.Name, out var peer);
        if (peer is not null && peer.Incarnation == incarnation && !peer.IsGone && peer.Connection is { CloseReason: CloseReason.None })
        {
            return null; // a duplicate: the connection already kept wins on both sides
        }

        if (peer is not null && peer.Incarnation != incarnation && !peer.IsGone)
        {
            // A new run of that node: the old one is gone, whatever its connection still claims.
            replaced = (peer, MarkDownLocked(peer, NodeDownReason.ConnectionLost));
        }
        else if (peer is { IsGone: false, Connection: { } previous })
        {
            // The same run reconnecting before the close of its previous connection was handled: that close
            // is a node down all the same (frames on it may be lost, so links and monitors must fire), never
            // a silent swap of connections. The newcomer is refused and retries, so the master's view
            // announcing the down always goes out before the one taking the member back.
            replaced = (peer, MarkDownLocked(peer, previous.CloseReason == CloseReason.Timeout ? NodeDownReason.HeartbeatTimeout : NodeDownReason.ConnectionLost));
            return null;
        }

        if (peer is null || peer.IsGone || peer.Incarnation != incarnation)
        {
            peer = AddLocked(info.Name, id, incarnation, peer?.Address ?? PeerAddress.Unknown);
        }

        return peer;
    }

    /// <summary>
    /// A worker applying one member of the master's view (under <see cref="Membership"/>'s lock, which
    /// published the view first): a member reported gone is marked so, a new or returning one gets a new
    /// peer, to be dialled. The downs go to <paramref name="gone"/>, to be announced outside the locks.
    /// </summary>
    public void ApplyListed(MemberInfo member, List<(Peer Peer, NodeDownReason Reason)> gone)
    {
        var incarnation = (int)(uint)member.Incarnation;
        lock (_gate)
        {
            _byName.TryGetValue(member.Name, out var peer);
            if (member.Status is MemberStatus.Leaving or MemberStatus.Down)
            {
                if (peer is null || peer.Incarnation != incarnation || peer.IsGone)
                {
                    return;
                }

                if (member.Status == MemberStatus.Leaving && peer.Connection is { CloseReason: CloseReason.None })
                {
                    peer.AnnounceLeave(); // it is draining its frames to us: the close of the connection ends it, as Left
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
                DistributionLog.NameCollision(logger, member.Name, id, holder);
                return;
            }

            if (peer is not null && !peer.IsGone)
            {
                gone.Add((peer, MarkDownLocked(peer, NodeDownReason.ConnectionLost)));
            }

            AddLocked(member.Name, id, incarnation, new PeerAddress(member.Host, member.Port, NodeRoles.FromWire(member.Role)));
        }
    }

    /// <summary>Marks <paramref name="peer"/> gone; the reason to announce, or null when it already was.</summary>
    public NodeDownReason? MarkDown(Peer peer, NodeDownReason reason)
    {
        lock (_gate)
        {
            return peer.IsGone ? null : MarkDownLocked(peer, reason);
        }
    }

    private static NodeDownReason MarkDownLocked(Peer peer, NodeDownReason reason)
    {
        var left = reason == NodeDownReason.Left || peer.LeaveAnnounced;
        peer.Close(left ? MemberState.Left : MemberState.Down, CloseReason.Local);
        return left ? NodeDownReason.Left : reason;
    }

    private Peer AddLocked(string name, int id, int incarnation, PeerAddress address)
    {
        var peer = new Peer(name, id, incarnation, backlogLimitBytes, counters) { Address = address };
        _byName[name] = peer;
        _byId[id] = peer;
        return peer;
    }

    /// <summary>The name already holding <paramref name="id"/> when it is not <paramref name="name"/>, else null.</summary>
    private string? CollidingName(string name, int id) =>
        id == selfId ? selfName : _byId.TryGetValue(id, out var holder) && holder.Name != name ? holder.Name : null;

    public Peer? Named(string name)
    {
        lock (_gate)
        {
            return _byName.GetValueOrDefault(name);
        }
    }

    /// <summary>The live peer a remote pid belongs to (lock-free: the send path); false, counting a stale pid, when there is none.</summary>
    public bool TryLive(Pid pid, out Peer peer)
    {
        if (!_byId.TryGetValue(pid.Node, out peer!) || peer.IsGone)
        {
            return false;
        }

        if (peer.Incarnation != pid.Incarnation)
        {
            // A pid of an earlier run of that node: its process is gone and must never reach the new run.
            counters.OnStale();
            return false;
        }

        return true;
    }

    /// <summary>Why a pid with no live peer cannot be reached: an earlier run of a live node (noproc) or no node (noconnection).</summary>
    public ExitReason UnreachableReason(Pid pid) =>
        _byId.TryGetValue(pid.Node, out var peer) && peer.Incarnation != pid.Incarnation && !peer.IsGone ? ExitReason.NoProc : ExitReason.NoConnection;

    public Peer? ById(int nodeId) => _byId.GetValueOrDefault(nodeId);

    public MemberSnapshot[] Snapshots()
    {
        lock (_gate)
        {
            return [.. _byName.Values.Select(p => p.Snapshot())];
        }
    }

    /// <summary>Peers not gone (optionally only those with a connection).</summary>
    public Peer[] Live(bool connected = false)
    {
        lock (_gate)
        {
            return [.. _byName.Values.Where(p => !p.IsGone && (!connected || p.Connection is not null))];
        }
    }

    /// <summary>The master, when it is a connected member.</summary>
    public Peer? ConnectedMaster()
    {
        lock (_gate)
        {
            return _byName.Values.FirstOrDefault(p => p.Role == NodeRole.Master && !p.IsGone && p.Connection is not null);
        }
    }

    public bool HasLiveMaster()
    {
        lock (_gate)
        {
            return _byName.Values.Any(p => p.Role == NodeRole.Master && !p.IsGone);
        }
    }

    /// <summary>Master: every member with an address as the view lists it, after <paramref name="self"/>.</summary>
    public List<MemberInfo> ViewMembers(MemberInfo self)
    {
        lock (_gate)
        {
            var members = new List<MemberInfo> { self };
            foreach (var peer in _byName.Values.Where(p => p.Host.Length > 0))
            {
                members.Add(new MemberInfo(peer.Name, peer.Host, (ushort)peer.Port, (uint)peer.Incarnation, WireStatus(peer.State), NodeRoles.ToWire(peer.Role)));
            }

            return members;
        }
    }

    /// <summary>The peer a dial loop should dial for <paramref name="name"/> listed up as <paramref name="incarnation"/>, or null.</summary>
    public Peer? DialTarget(string name, int incarnation)
    {
        lock (_gate)
        {
            if (!_byName.TryGetValue(name, out var peer) || peer.Incarnation != incarnation || peer.State == MemberState.Left)
            {
                return null;
            }

            return peer.IsGone || peer.Connection is null ? peer : null;
        }
    }

    /// <summary>Records each peer's last sign of life (the heartbeat tick).</summary>
    public void Sample(DateTimeOffset now)
    {
        foreach (var peer in _byId.Values)
        {
            peer.Sample(now);
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
