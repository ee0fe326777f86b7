using System.Net;
using System.Text.Json;
using DistSys.Host.Hosting;
using DistSys.Jobs.Storage;
using DistSys.Runtime;
using DistSys.Runtime.Distribution;
using DistSys.Supervision;
using Microsoft.Extensions.Logging;

namespace DistSys.Host.Jobs;

/// <summary>
/// How workers learn a shared store's standbys (docs/ha.md): the leader runs a small server, global name
/// <see cref="Name"/>, answering "masters" with every master's address (its own first, then the standbys
/// the store saw lately), and every worker asks it every <see cref="PollInterval"/> and hands the answer to
/// <see cref="ClusterNode.LearnMasters"/>, so a worker started with only the seed's <c>MASTER_HOST
/// MASTER_PORT</c> still rejoins whichever master leads next. Polled rather than pushed: the answer is
/// small, a new leader needs no list of workers to tell, and a worker of a master without a shared store
/// finds no name and keeps its configured masters.
/// </summary>
internal static partial class HaMasters
{
    public const string Name = "ha_masters";

    /// <summary>How often a worker asks; a standby started meanwhile is known to every worker within this.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The leader's server, started with the leader's services (so only the master that leads answers).</summary>
    public static void AddServer(NodeContext context, LeaderLease lease, TimeSpan standbyWithin)
    {
        var cluster = context.Cluster;
        var self = context.Settings.Listen.ToString();
        context.AddService(ChildSpec.Worker(Name, () => new Server(cluster, self, lease, standbyWithin)));
    }

    /// <summary>A worker's poll, from its join to its stop, and its <c>ha</c> status section (the masters it would rejoin).</summary>
    public static void AddFollower(NodeContext context)
    {
        var cluster = context.Cluster;
        var logger = context.LoggerFactory.CreateLogger("DistSys.Jobs");
        var stopping = new CancellationTokenSource();
        context.OnStarted((_, _) =>
        {
            _ = PollAsync(cluster, logger, stopping.Token);
            return Task.CompletedTask;
        });
        context.OnStopping(async _ =>
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            stopping.Dispose();
        });
        context.AddStatusSection("ha", () => JsonSerializer.SerializeToElement(
            new FollowerView([.. cluster.KnownMasters.Select(m => new Endpoint(m.Host, m.Port).ToString())]),
            JobJsonContext.Default.FollowerView));
    }

    private static async Task PollAsync(ClusterNode cluster, ILogger logger, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollInterval);
        string? last = null;
        do
        {
            try
            {
                if (await cluster.WhereisGlobalAsync(Name).ConfigureAwait(false) is not { } server)
                {
                    continue; // no shared store, or a leader still starting its services
                }

                var answer = await cluster.Runtime.CallAsync<string>(server, "masters", CallTimeout).ConfigureAwait(false);
                if (answer == last)
                {
                    continue;
                }

                last = answer; // a refused answer is logged once, not at every poll
                if (Parse(answer) is not { } masters)
                {
                    MastersRefused(logger, answer.Length);
                    continue;
                }

                cluster.LearnMasters(masters);
                MastersLearned(logger, answer);
            }
            catch (Exception ex) when (ex is CallException or TimeoutException or InvalidOperationException)
            {
                // The leader is gone or busy: keep what was learned; the rejoin goes round it.
            }
        }
        while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// The server's answer, comma-separated HOST:PORT; null when anything in it is not an address a worker
    /// could dial (an answer from another node is outside input: bounded and checked, never trusted).
    /// </summary>
    internal static List<DnsEndPoint>? Parse(string answer)
    {
        var items = answer.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length > ClusterNode.MaxLearnedMasters)
        {
            return null;
        }

        var masters = new List<DnsEndPoint>(items.Length);
        foreach (var item in items)
        {
            if (!Endpoint.TryParse(item, out var endpoint) || IsUnspecified(endpoint.Host))
            {
                return null;
            }

            masters.Add(new DnsEndPoint(endpoint.Host, endpoint.Port));
        }

        return masters;
    }

    // A master listening on 0.0.0.0 or [::] announces an address nobody can dial: the server leaves it out.
    private static bool IsUnspecified(string host) =>
        IPAddress.TryParse(host, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));

    [LoggerMessage(7016, LogLevel.Information, "masters to rejoin through, learned from the leader: {Masters}")]
    private static partial void MastersLearned(ILogger logger, string masters);

    [LoggerMessage(7017, LogLevel.Warning, "the leader's list of masters was refused ({Length} chars): not comma-separated HOST:PORT addresses, or more than 16")]
    private static partial void MastersRefused(ILogger logger, int length);

    /// <summary>Answers "masters": this leader's address, then the standbys seen within two TTLs, read from the store at most once a second.</summary>
    private sealed class Server(ClusterNode cluster, string self, LeaderLease lease, TimeSpan standbyWithin) : GenServer
    {
        private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
        private readonly string _self = self;
        private string _answer = self;
        private long _readAt;

        protected override async ValueTask InitAsync(ProcessContext context)
        {
            if (!await cluster.RegisterGlobalAsync(Name, context.Self).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"the global name '{Name}' is held by another process");
            }
        }

        protected override ValueTask<object?> HandleCallAsync(ProcessContext context, object request)
        {
            if (request is not "masters")
            {
                return ValueTask.FromResult<object?>(null);
            }

            var now = Environment.TickCount64;
            if (_readAt == 0 || now - _readAt >= CacheFor.TotalMilliseconds)
            {
                _answer = Read();
                _readAt = now;
            }

            return ValueTask.FromResult<object?>(_answer);
        }

        private string Read()
        {
            try
            {
                IEnumerable<string> addresses = [_self, .. lease.Standbys(standbyWithin).Select(s => s.Address)];
                var dialable = addresses.Distinct(StringComparer.OrdinalIgnoreCase)
                    .Where(a => Endpoint.TryParse(a, out var e) && !IsUnspecified(e.Host))
                    .Take(ClusterNode.MaxLearnedMasters);
                return string.Join(',', dialable);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                return _answer; // the store is unreachable: the last answer is still the best known
            }
        }
    }
}

/// <summary>A worker's <c>ha</c> status section: the masters it joins and rejoins through, in order.</summary>
internal sealed record FollowerView(IReadOnlyList<string> Masters);
