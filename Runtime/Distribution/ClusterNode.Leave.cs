using DistSys.Transport.Connections;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Distribution;

/// <summary>Graceful departure: announce, drain, close — peers record the node as Left, not failed.</summary>
public sealed partial class ClusterNode
{
    /// <summary>
    /// Graceful departure: waits (boundedly) for frames still waiting for room to be queued, sends
    /// NodeLeaving to every member, then closes each connection after its queued frames are written.
    /// Peers record this node as Left and report <see cref="NodeDownReason.Left"/>, not a failure. The
    /// runtime keeps running until <see cref="DisposeAsync"/>.
    /// </summary>
    public async Task LeaveAsync(CancellationToken ct)
    {
        if (Interlocked.CompareExchange(ref _stopping, Leaving, Running) != Running)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        DistributionLog.Leaving(_logger, Name);
        var peers = _peers.Live(connected: true);

        var deadline = DateTime.UtcNow + _options.RequestTimeout;
        while (peers.Any(p => p.BacklogCount > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(_options.HeartbeatInterval / 4, ct).ConfigureAwait(false);
        }

        var announcement = new NodeLeaving(Name, (uint)Incarnation, WireExitReason.Shutdown);
        foreach (var peer in peers)
        {
            peer.SendSystem(announcement);
            peer.Connection?.Shutdown(CloseReason.Local);
        }

        var closing = peers.Select(p => p.Connection?.Closed ?? Task.CompletedTask);
        await Task.WhenAll(closing).WaitAsync(_options.RequestTimeout, ct).ConfigureAwait(false);
        if (_listener is { } listener)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }
    }
}
