using DistSys.Runtime.Distribution.Internal;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// Keeping the mesh whole: between two workers the lower name dials, and it keeps dialling with backoff for
/// as long as the master's latest view lists the other up (same incarnation) and they are not connected —
/// after a view announces a member, after a false down the member healed by rejoining, and after the pair's
/// connection broke while the master saw nothing wrong. The other side waits to be dialled.
/// </summary>
public sealed partial class ClusterNode
{
    /// <summary>Worker: each member's incarnation and status in the master's latest view.</summary>
    private readonly Dictionary<string, (int Incarnation, MemberStatus Status)> _listed = new(StringComparer.Ordinal);

    /// <summary>Members with a dial loop running (one per member).</summary>
    private readonly HashSet<string> _dialling = new(StringComparer.Ordinal);

    private bool ListedGoneLocked(string name, int incarnation) =>
        Role == NodeRole.Worker && _listed.TryGetValue(name, out var listed) && listed.Incarnation == incarnation
        && listed.Status is MemberStatus.Down or MemberStatus.Leaving;

    /// <summary>Starts a dial loop towards <paramref name="name"/> unless one runs or there is nothing to dial.</summary>
    private void StartDial(string name)
    {
        lock (_gate)
        {
            if (string.CompareOrdinal(Name, name) >= 0 || DialTargetLocked(name) is null || !_dialling.Add(name))
            {
                return;
            }
        }

        _ = DialLoopAsync(name);
    }

    /// <summary>
    /// The peer to dial, or null when the loop should stop: this node is stopping or not joined (it
    /// reconciles from the master's next view), the master does not list that incarnation up, it is
    /// connected, or it left.
    /// </summary>
    private Peer? DialTargetLocked(string name)
    {
        if (IsStopping || !_joined.Task.IsCompleted || !_listed.TryGetValue(name, out var listed) || listed.Status != MemberStatus.Up
            || !_peersByName.TryGetValue(name, out var peer) || peer.Incarnation != listed.Incarnation || peer.State == MemberState.Left)
        {
            return null;
        }

        return peer.IsGone || peer.Connection is null ? peer : null;
    }

    private async Task DialLoopAsync(string name)
    {
        for (var round = 0; ; round++)
        {
            Peer? target;
            lock (_gate)
            {
                // Deciding to stop and leaving the set happen under one lock, so a later trigger starts a new loop.
                if ((target = DialTargetLocked(name)) is null)
                {
                    _dialling.Remove(name);
                    return;
                }
            }

            try
            {
                await DialOnceAsync(target).ConfigureAwait(false);

                // Also after a success: a connection the other side refuses (it has not yet seen the old
                // one close) is closed at once, and the next round must not hammer it.
                await Task.Delay(_options.JoinBackoff.DelayFor(round), _lifetime.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // the node is stopping
            }
        }
    }

    private async Task DialOnceAsync(Peer peer)
    {
        try
        {
            var endPoint = await ResolveAsync(peer.Host, peer.Port, _lifetime.Token).ConfigureAwait(false);
            var (result, connection) = await _meshConnector.ConnectAsync(endPoint, _lifetime.Token).ConfigureAwait(false);
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
    }
}
