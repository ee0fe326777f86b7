using DistSys.Runtime.Distribution.Internal;
using DistSys.Transport.Connections;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// Partial partitions: a worker that loses, or cannot dial, another worker the master still lists up reports
/// it to the master, and keeps reporting while it lasts; the master downs one of the pair for everyone once the
/// reports are confirmed, and quarantines it (<see cref="PartitionArbiter"/>). A master cut off from workers needs no report: it declares them down
/// itself, and they rejoin when they reach it again.
/// </summary>
public sealed partial class ClusterNode
{
    /// <summary>
    /// Worker: <paramref name="peer"/>, a worker, is unreachable. While the master's view still lists that
    /// incarnation up and this node is not connected to it, the master hears of it now and again every failure
    /// timeout (one loop per peer): the repeats are what confirms a partition there.
    /// </summary>
    private void ReportUnreachable(Peer peer)
    {
        if (ReportTo(peer.Name, peer.Incarnation) is null)
        {
            return;
        }

        lock (_reporting)
        {
            if (!_reporting.Add(peer.Name))
            {
                return;
            }
        }

        DistributionLog.PeerUnreachableReported(_logger, peer.Name, peer.Incarnation);
        _ = ReportWhileUnreachableAsync(peer.Name, peer.Incarnation);
    }

    private async Task ReportWhileUnreachableAsync(string name, int incarnation)
    {
        try
        {
            while (ReportTo(name, incarnation) is { } master)
            {
                await _requests.RequestAsync(master, new PeerUnreachable(name, incarnation)).ConfigureAwait(false);
                await Task.Delay(_options.FailureTimeout, _lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is CallException or OperationCanceledException)
        {
            // The master is gone or slow, or this node is stopping: nothing to report to.
        }
        finally
        {
            lock (_reporting)
            {
                _reporting.Remove(name);
            }
        }
    }

    /// <summary>The master to tell that <paramref name="name"/> is unreachable: null once it is not (connected again, or no longer listed up), or there is no master to tell.</summary>
    private Peer? ReportTo(string name, int incarnation) =>
        Role == NodeRole.Worker && !IsStopping
        && _membership.Listed(name) is { Status: MemberStatus.Up } listed && listed.Incarnation == incarnation
        && _peers.Named(name) is not { Connection.CloseReason: CloseReason.None }
            ? _peers.ConnectedMaster()
            : null;

    /// <summary>Master: a worker's report about another worker; both must be up members here. Answers whether it downed one.</summary>
    private void OnPeerUnreachable(Peer reporter, ulong correlation, PeerUnreachable report)
    {
        var target = Role == NodeRole.Master && report.Name != reporter.Name ? _peers.Named(report.Name) : null;
        Peer? victim = null;
        if (target is not null && target.Incarnation == report.Incarnation && BothUp(reporter, target)
            && _arbiter.Report(reporter.Name, reporter.IntroducedAt, target.Name, target.IntroducedAt) is { } name)
        {
            victim = name == reporter.Name ? reporter : target;
            DistributionLog.PartitionDowned(_logger, victim.Name, (victim == reporter ? target : reporter).Name, _arbiter.Quarantine.TotalSeconds);
            DeclareDown(victim, NodeDownReason.Partitioned);
        }

        if (correlation != 0)
        {
            _requests.SendReply(reporter, correlation, victim is not null);
        }
    }

    private static bool BothUp(Peer a, Peer b) =>
        a is { IsGone: false, Role: NodeRole.Worker, Connection: not null } && b is { IsGone: false, Role: NodeRole.Worker, Connection: not null };

    /// <summary>Master: a worker downed by the partition policy may not come back before its quarantine ends.</summary>
    private bool RefusedByQuarantine(Connection connection)
    {
        if (Role != NodeRole.Master || connection.Peer is not { } info || !_arbiter.IsQuarantined(info.Name))
        {
            return false;
        }

        DistributionLog.QuarantineRefused(_logger, info.Name);
        connection.Shutdown(CloseReason.Local);
        return true;
    }
}
