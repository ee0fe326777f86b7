using Microsoft.Extensions.Logging;
using Npgsql;

namespace DistSys.Jobs.Storage;

/// <summary>
/// One master's part in the election on a shared store. <see cref="CampaignAsync"/> tries to take the
/// lease every renewal interval until it does, then sets the store's fencing epoch; <see cref="KeepAsync"/>
/// renews it and returns why it stopped leading: the lease was taken over (a renewal refused), or no
/// renewal succeeded for TTL − one interval, so the leader stops before its lease could expire on the
/// database's clock (a renewal sent at t extends the lease to at least t + TTL, so counting from the
/// send is safe). <see cref="StepDown"/> releases the lease at once for a graceful handover.
/// </summary>
internal sealed class LeaderElection(LeaderLease lease, PostgresJobStore store, TimeSpan renew, TimeSpan ttl, ILogger logger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _epoch;
    private long _validUntil;

    /// <summary>The epoch this master leads under; 0 while it stands by.</summary>
    public long Epoch => Volatile.Read(ref _epoch);

    /// <summary>The lease as last read by this master (who leads, at which address), for status and standby answers.</summary>
    public LeaderInfo? Seen { get; private set; }

    public async Task CampaignAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(renew, _time);
        long reported = -1;
        while (true)
        {
            var sent = Now;
            try
            {
                if (await Task.Run(lease.TryAcquire, cancellationToken).ConfigureAwait(false) is { } epoch)
                {
                    // A take that hung (a stalled store) may leave no margin counted from its send, though
                    // the database started the lease when it ran the take: renew at once to count from now.
                    if (sent + (long)(ttl - renew).TotalMilliseconds <= Now)
                    {
                        sent = Now;
                        if (!await Task.Run(() => lease.Renew(epoch), cancellationToken).ConfigureAwait(false))
                        {
                            await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
                            continue; // it lapsed meanwhile: campaign on, as if never taken
                        }
                    }

                    store.Epoch = epoch;
                    _validUntil = sent + (long)ttl.TotalMilliseconds;
                    Volatile.Write(ref _epoch, epoch);
                    Seen = await Task.Run(() => lease.Read(), cancellationToken).ConfigureAwait(false);
                    JobsLog.Leading(logger, store.Description, epoch);
                    return;
                }

                Seen = await Task.Run(() => lease.Read(announce: true), cancellationToken).ConfigureAwait(false);
                if (Seen.Epoch != reported)
                {
                    reported = Seen.Epoch;
                    JobsLog.StandingBy(logger, $"{Seen.Holder} at {Seen.Address}", store.Description, Seen.Epoch);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                JobsLog.StoreUnreachable(logger, ex.Message);
            }

            await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Renews the lease until this master must stop leading; returns why.</summary>
    public async Task<string> KeepAsync(CancellationToken cancellationToken)
    {
        var epoch = Epoch;
        var margin = (long)renew.TotalMilliseconds;
        using var timer = new PeriodicTimer(renew, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var sent = Now;
            var left = _validUntil - margin - sent;
            if (left <= 0)
            {
                return StopLeading($"no lease renewal succeeded for {ttl.TotalMilliseconds - margin:0} ms");
            }

            try
            {
                // Bounded by what is left of the lease: a store that hangs is a store that is lost.
                if (!await Task.Run(() => lease.Renew(epoch), cancellationToken).WaitAsync(TimeSpan.FromMilliseconds(left), cancellationToken).ConfigureAwait(false))
                {
                    return StopLeading($"another master took the lease over (this master's epoch {epoch})");
                }

                _validUntil = sent + (long)ttl.TotalMilliseconds;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                JobsLog.StoreUnreachable(logger, ex.Message);
            }
        }

        return StopLeading("stopping");
    }

    /// <summary>Gives the lease up (graceful shutdown): no write follows, and a standby may take over at its next try.</summary>
    public void StepDown()
    {
        var epoch = Epoch;
        StopLeading("stepping down");
        if (epoch != 0)
        {
            try
            {
                lease.Release(epoch);
            }
            catch (NpgsqlException ex)
            {
                // The lease then lapses by itself after its TTL.
                JobsLog.StoreUnreachable(logger, ex.Message);
            }
        }
    }

    // From here on every write of this master is refused by its own fence check, before the database sees it.
    private string StopLeading(string reason)
    {
        store.Epoch = -1;
        Volatile.Write(ref _epoch, 0);
        return reason;
    }

    private long Now => (long)(_time.GetTimestamp() * 1000.0 / _time.TimestampFrequency);
}
