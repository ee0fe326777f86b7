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

    private async Task JoinLoopAsync(CancellationToken ct)
    {
        // The seed's master first, then the others (a shared store's standbys); one backoff per round.
        DnsEndPoint[] masters = [new(_options.MasterHost!, _options.MasterPort), .. _options.OtherMasters];
        var warned = false;
        for (var attempt = 0; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var target = masters[attempt % masters.Length];
            var master = $"{target.Host}:{target.Port}";
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
                    return;
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

            if (!warned)
            {
                DistributionLog.MasterUnreachable(_logger, master, result.Outcome);
                warned = true;
            }

            if ((attempt + 1) % masters.Length != 0)
            {
                continue; // the next master of this round at once
            }

            var delay = _options.JoinBackoff.DelayFor(attempt / masters.Length);
            DistributionLog.JoinRetry(_logger, master, attempt + 1, delay.TotalMilliseconds);
            await Task.Delay(delay, ct).ConfigureAwait(false);
        }
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
