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

        var peer = Adopt(connection) ?? _peers.Named(connection.Peer!.Name)
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
    /// Makes an authenticated connection the one kept to its node, or refuses it (the rules are the peer
    /// table's). Idempotent per connection: the acceptor's event, the dialer and the first frame may all get here.
    /// </summary>
    private Peer? Adopt(Connection connection)
    {
        if (RefusedByQuarantine(connection))
        {
            return null;
        }

        var adopted = _peers.Adopt(connection, out var known, out var down);
        if (known)
        {
            return adopted;
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

    /// <summary>One round of a mesh dial loop (<see cref="MeshDialer"/>).</summary>
    private async Task DialOnceAsync(Peer peer, CancellationToken ct)
    {
        try
        {
            var endPoint = await ResolveAsync(peer.Host, peer.Port, ct).ConfigureAwait(false);
            var (result, connection) = await _meshConnector.ConnectAsync(endPoint, ct).ConfigureAwait(false);
            if (connection is not null)
            {
                Adopt(connection);
                return;
            }

            LogRefusal(result.Outcome, $"{peer.Name} at {peer.Host}:{peer.Port}", inbound: false);
        }
        catch (Exception ex) when (ex is ClusterJoinException or System.Net.Sockets.SocketException)
        {
            DistributionLog.DialFailed(_logger, peer.Name, ex.Message);
        }

        if (peer.Connection is null && !peer.IsGone)
        {
            // Never reached: links and monitors towards it fire noconnection now rather than wait; the loop
            // keeps dialling while the master lists it up, and a connection makes it a member again.
            DeclareDown(peer, NodeDownReason.ConnectionLost);
        }

        if (peer.Connection is null)
        {
            ReportUnreachable(peer);
        }
    }

    /// <summary>Called by the frame handler when a connection has closed.</summary>
    internal void OnConnectionClosed(Connection connection, CloseReason reason)
    {
        if (!_peers.TryRemove(connection, out var peer) || peer is null || IsStopping || peer.Connection != connection)
        {
            return;
        }

        DeclareDown(peer, reason == CloseReason.Timeout ? NodeDownReason.HeartbeatTimeout : NodeDownReason.ConnectionLost);
        if (peer.Role == NodeRole.Worker)
        {
            ReportUnreachable(peer);
            _dialer.Start(peer.Name); // a mesh pair the master still lists up heals from its dialler's side
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
