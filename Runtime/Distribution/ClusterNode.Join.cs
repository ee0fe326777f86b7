using System.Net;
using DistSys.Transport.Handshake;

namespace DistSys.Runtime.Distribution;

/// <summary>A worker joins through the master: dial (each known master in turn) with backoff until the master's view lists this node as up.</summary>
public sealed partial class ClusterNode
{
    /// <summary>
    /// Worker: dials the master with backoff until joined (each retry logged, "master unreachable" once);
    /// completes once the master's view lists this node as up. A refusal that retrying cannot heal (wrong
    /// cookie, name taken) throws <see cref="ClusterJoinException"/>. The master returns at once.
    /// </summary>
    public async Task JoinAsync(CancellationToken ct)
    {
        if (Role == NodeRole.Master || _membership.IsJoined)
        {
            return; // the master joins nobody; a joined worker is joined until its master goes away
        }

        _membership.EnterJoinLoop();
        try
        {
            await JoinLoopAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _membership.ExitJoinLoop();
            RejoinIfMasterLost(); // the master connection may have closed while this loop was finishing
        }
    }

    /// <summary>The most masters a worker learns from its leader (beyond its own options).</summary>
    public const int MaxLearnedMasters = 16;

    private volatile DnsEndPoint[] _learnedMasters = [];

    /// <summary>
    /// The masters a worker joins and rejoins through, in the order it tries them: the seed's
    /// <c>MASTER_HOST MASTER_PORT</c>, then <see cref="ClusterNodeOptions.OtherMasters"/>, then those learned
    /// from the leader (<see cref="LearnMasters"/>), each once. Empty on a master.
    /// </summary>
    public IReadOnlyList<DnsEndPoint> KnownMasters
    {
        get
        {
            if (Role == NodeRole.Master)
            {
                return [];
            }

            var known = new List<DnsEndPoint>(1 + _options.OtherMasters.Count + _learnedMasters.Length);
            foreach (var master in (IEnumerable<DnsEndPoint>)[new(_options.MasterHost!, _options.MasterPort), .. _options.OtherMasters, .. _learnedMasters])
            {
                if (!known.Exists(m => m.Port == master.Port && string.Equals(m.Host, master.Host, StringComparison.OrdinalIgnoreCase)))
                {
                    known.Add(master);
                }
            }

            return known;
        }
    }

    /// <summary>
    /// Worker: replaces the masters learned from the leader (a shared store's standbys, docs/ha.md), tried
    /// after the configured ones at the next join round. Learned, not configured, so they are bounded here:
    /// at most <see cref="MaxLearnedMasters"/>, each with a port in range.
    /// </summary>
    public void LearnMasters(IReadOnlyList<DnsEndPoint> masters)
    {
        ArgumentNullException.ThrowIfNull(masters);
        if (masters.Count > MaxLearnedMasters || masters.Any(m => m.Port is < 1 or > 65535 || string.IsNullOrEmpty(m.Host)))
        {
            throw new ArgumentException($"at most {MaxLearnedMasters} masters, each with a host and a port from 1 to 65535", nameof(masters));
        }

        _learnedMasters = [.. masters];
    }

    private async Task JoinLoopAsync(CancellationToken ct)
    {
        // The seed's master first, then the others (a shared store's standbys); one backoff per round.
        // The list is read again each round, so masters learned meanwhile are tried from the next one.
        var warned = false;
        for (int round = 0, attempt = 0; ; round++)
        {
            var masters = KnownMasters;
            string master = "";
            foreach (var target in masters)
            {
                ct.ThrowIfCancellationRequested();
                attempt++;
                master = $"{target.Host}:{target.Port}";
                var (joined, outcome) = await TryJoinAsync(target, master, ct).ConfigureAwait(false);
                if (joined)
                {
                    return;
                }

                if (!warned)
                {
                    DistributionLog.MasterUnreachable(_logger, master, outcome);
                    warned = true;
                }
            }

            var delay = _options.JoinBackoff.DelayFor(round);
            DistributionLog.JoinRetry(_logger, master, attempt, delay.TotalMilliseconds);
            await Task.Delay(delay, ct).ConfigureAwait(false);
        }
    }

    /// <summary>One join try: joined once the master's view lists this node as up; else the handshake's outcome.</summary>
    private async Task<(bool Joined, HandshakeOutcome Outcome)> TryJoinAsync(DnsEndPoint target, string master, CancellationToken ct)
    {
        var joined = _membership.Joined;
        var endPoint = await ResolveAsync(target.Host, target.Port, ct).ConfigureAwait(false);
        var (result, connection) = await _joinConnector.ConnectAsync(endPoint, ct).ConfigureAwait(false);
        if (connection is not null && Adopt(connection) is not null)
        {
            try
            {
                // A master that closes the connection (it still holds our previous one) is retried at once.
                await Task.WhenAny(joined.Task, connection.Closed).WaitAsync(_options.RequestTimeout, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }

            if (joined.Task.IsCompleted)
            {
                DistributionLog.Joined(_logger, Name, master, Incarnation);
                return (true, result.Outcome);
            }

            connection.Shutdown(Transport.Connections.CloseReason.Timeout);
        }
        else if (result.Outcome is HandshakeOutcome.RefusedAuth or HandshakeOutcome.RefusedName or HandshakeOutcome.RefusedVersion)
        {
            LogRefusal(result.Outcome, $"the master at {master}", inbound: false);
            throw new ClusterJoinException(
                result.Outcome == HandshakeOutcome.RefusedAuth
                    ? $"cookie rejected by the master at {master}: this node and the cluster hold different cookies"
                    : $"the master at {master} refused this node: {result.Outcome}",
                result.Outcome);
        }

        return (false, result.Outcome);
    }

    /// <summary>
    /// The master went away, or declared this node down and closed its connection (a false down under load):
    /// join again, with the same incarnation (a restarted master rebuilds its view from the joins, and a
    /// master that wrongly declared us down takes us back). Called wherever the master's loss may be seen
    /// last (node down, the end of a join loop, the end of a rejoin), so no interleaving leaves a worker
    /// without its master; one rejoin runs at a time.
    /// </summary>
    private void RejoinIfMasterLost()
    {
        if (_membership.TryBeginRejoin(IsStopping))
        {
            _ = RejoinAsync();
        }
    }

    private async Task RejoinAsync()
    {
        try
        {
            await JoinAsync(_lifetime.Token).ConfigureAwait(false);
            await ReregisterGlobalsAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ClusterJoinException)
        {
            DistributionLog.RejoinStopped(_logger, ex.Message);
        }
        finally
        {
            _membership.EndRejoin();

            RejoinIfMasterLost();
        }
    }
}
