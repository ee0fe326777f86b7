using System.IO.Pipelines;
using System.Net;
using DistSys.Runtime.Distribution.Internal;
using DistSys.Transport.Connections;
using DistSys.Transport.Handshake;

namespace DistSys.Runtime.Distribution;

public sealed partial class ClusterNode
{
    /// <summary>Accepts a cluster connection handed over by the host (Kestrel's port-sharing middleware).</summary>
    public async Task<(HandshakeResult Result, Connection? Connection)> AcceptAsync(IDuplexPipe transport, string? remote, CancellationToken ct)
    {
        var (result, connection) = await _acceptor.AcceptAsync(transport, remote, ct).ConfigureAwait(false);
        if (!result.IsAccepted)
        {
            LogRefusal(result.Outcome, remote ?? "a peer", inbound: true);
        }

        return (result, connection);
    }

    /// <summary>Dials a node at <paramref name="host"/>:<paramref name="port"/> and returns it once it introduced itself.</summary>
    public async Task<MemberSnapshot> ConnectAsync(string host, int port, CancellationToken ct)
    {
        var endPoint = await ResolveAsync(host, port, ct).ConfigureAwait(false);
        var (result, connection) = await _meshConnector.ConnectAsync(endPoint, ct).ConfigureAwait(false);
        if (connection is null)
        {
            LogRefusal(result.Outcome, $"{host}:{port}", inbound: false);
            throw new ClusterJoinException($"could not connect to {host}:{port}: {result.Outcome}", result.Outcome);
        }

        var peer = Adopt(connection) ?? PeerNamed(connection.Peer!.Name)
            ?? throw new ClusterJoinException($"{host}:{port} ({connection.Peer!.Name}) was refused (name collision)", result.Outcome);
        await peer.Introduced.WaitAsync(_options.RequestTimeout, ct).ConfigureAwait(false);
        return peer.Snapshot();
    }

    internal static async Task<IPEndPoint> ResolveAsync(string host, int port, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        var addresses = await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new ClusterJoinException($"host '{host}' does not resolve", HandshakeOutcome.PeerClosed);
        return new IPEndPoint(chosen, port);
    }

    /// <summary>
    /// Makes an authenticated connection the one kept to its node, or refuses it. Idempotent per connection
    /// (the acceptor's event, the dialer and the first frame may all get here). Rules: a name whose id
    /// collides with another member's is refused; a second live connection to the same incarnation is
    /// closed (the first one stays, on both sides); a new incarnation replaces the old one, which is declared down.
    /// </summary>
    private Peer? Adopt(Connection connection)
    {
        (Peer Peer, NodeDownReason Reason)? down;
        Peer? adopted;
        lock (_gate)
        {
            if (_byConnection.TryGetValue(connection, out var known))
            {
                return known;
            }

            adopted = AdoptLocked(connection, out down);
            _byConnection[connection] = adopted;
        }

        if (down is { } replaced)
        {
            NotifyDown(replaced.Peer, replaced.Reason);
        }

        if (adopted is null)
        {
            connection.Shutdown(CloseReason.Local);
            return null;
        }

        SendIntroduction(connection);
        adopted.Attach(connection);
        DistributionLog.MemberUp(_logger, adopted.Name, adopted.Incarnation);
        NotifyUp(adopted);
        return adopted;
    }

    private Peer? AdoptLocked(Connection connection, out (Peer Peer, NodeDownReason Reason)? replaced)
    {
        replaced = null;
        var info = connection.Peer!;
        var id = NodeIds.Of(info.Name);
        var incarnation = (int)(uint)info.Incarnation;
        if (IsStopping)
        {
            return null;
        }

        if (CollidingName(info.Name, id) is { } holder)
        {
            Counters.OnRefused();
            DistributionLog.NameCollision(_logger, info.Name, id, holder);
            return null;
        }

        if (ListedGoneLocked(info.Name, incarnation))
        {
            return null; // the master's view wins: a member it reports down or left is not taken back before it rejoins
        }

        _peersByName.TryGetValue(info.Name, out var peer);
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
            peer = AddPeerLocked(info.Name, id, incarnation, peer);
        }

        return peer;
    }

    private Peer AddPeerLocked(string name, int id, int incarnation, Peer? previous)
    {
        var peer = new Peer(name, id, incarnation, _options.BacklogLimitBytes, Counters);
        if (previous is not null)
        {
            peer.Host = previous.Host;
            peer.Port = previous.Port;
            peer.Role = previous.Role;
        }

        _peersByName[name] = peer;
        _peersById[id] = peer;
        return peer;
    }

    /// <summary>The name already holding <paramref name="id"/> when it is not <paramref name="name"/>, else null.</summary>
    private string? CollidingName(string name, int id) =>
        id == NodeId ? Name : _peersById.TryGetValue(id, out var holder) && holder.Name != name ? holder.Name : null;

    private Peer? PeerNamed(string name)
    {
        lock (_gate)
        {
            return _peersByName.GetValueOrDefault(name);
        }
    }

    /// <summary>Called by the frame handler when a connection has closed.</summary>
    internal void OnConnectionClosed(Connection connection, CloseReason reason)
    {
        if (!_byConnection.TryRemove(connection, out var peer) || peer is null || IsStopping || peer.Connection != connection)
        {
            return;
        }

        DeclareDown(peer, reason == CloseReason.Timeout ? NodeDownReason.HeartbeatTimeout : NodeDownReason.ConnectionLost);
        if (peer.Role == NodeRole.Worker)
        {
            StartDial(peer.Name); // a mesh pair the master still lists up heals from its dialler's side
        }
    }

    private void LogRefusal(HandshakeOutcome outcome, string who, bool inbound)
    {
        if (outcome == HandshakeOutcome.RefusedAuth)
        {
            Counters.OnRefused();
            if (inbound)
            {
                DistributionLog.CookieRejectedInbound(_logger, who);
            }
            else
            {
                DistributionLog.CookieRejectedOutbound(_logger, who);
            }
        }
        else if (outcome is not HandshakeOutcome.Accepted)
        {
            DistributionLog.HandshakeRefused(_logger, who, outcome);
        }
    }
}
