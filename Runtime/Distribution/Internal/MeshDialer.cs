using DistSys.Transport.Connections;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// Keeping the mesh whole: between two workers the lower name dials, and it keeps dialling with backoff for
/// as long as the master's latest view lists the other up (same incarnation) and they are not connected —
/// after a view announces a member, after a false down the member healed by rejoining, and after the pair's
/// connection broke while the master saw nothing wrong. The other side waits to be dialled. It owns the set
/// of running dial loops and its lock; under it, it reads <see cref="Membership"/>'s lock-free snapshot and
/// takes <see cref="PeerTable"/>'s lock (the order drawn on <see cref="Membership"/>).
/// </summary>
internal sealed class MeshDialer(
    string selfName, PeerTable peers, Membership membership, Func<bool> isStopping, Func<Peer, CancellationToken, Task> dialOnce,
    BackoffPolicy backoff, CancellationToken lifetime)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _dialling = new(StringComparer.Ordinal);

    /// <summary>Starts a dial loop towards <paramref name="name"/> unless one runs or there is nothing to dial.</summary>
    public void Start(string name)
    {
        lock (_gate)
        {
            if (string.CompareOrdinal(selfName, name) >= 0 || TargetLocked(name) is null || !_dialling.Add(name))
            {
                return;
            }
        }

        _ = LoopAsync(name);
    }

    /// <summary>
    /// The peer to dial, or null when the loop should stop: this node is stopping or not joined (it
    /// reconciles from the master's next view), the master does not list that incarnation up, it is
    /// connected, or it left.
    /// </summary>
    private Peer? TargetLocked(string name) =>
        isStopping() || !membership.IsJoined || membership.Listed(name) is not { Status: MemberStatus.Up } listed
            ? null
            : peers.DialTarget(name, listed.Incarnation);

    private async Task LoopAsync(string name)
    {
        for (var round = 0; ; round++)
        {
            Peer? target;
            lock (_gate)
            {
                // Deciding to stop and leaving the set happen under one lock, so a later trigger starts a new loop.
                if ((target = TargetLocked(name)) is null)
                {
                    _dialling.Remove(name);
                    return;
                }
            }

            try
            {
                await dialOnce(target, lifetime).ConfigureAwait(false);

                // Also after a success: a connection the other side refuses (it has not yet seen the old
                // one close) is closed at once, and the next round must not hammer it.
                await Task.Delay(backoff.DelayFor(round), lifetime).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // the node is stopping
            }
        }
    }
}
