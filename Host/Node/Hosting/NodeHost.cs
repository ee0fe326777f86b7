using DistSys.Host.Hosting.Settings;
using DistSys.Runtime.Distribution;
using DistSys.Transport.Connections;
using Microsoft.Extensions.Logging;

namespace DistSys.Host.Hosting;

/// <summary>
/// Runs one master or worker node from start to exit: cluster core, services, Kestrel on the node's
/// one port, join (worker), ready; then on SIGTERM/Ctrl-C leave, drain and stop. Returns the exit code.
/// </summary>
internal static partial class NodeHost
{
    /// <summary>Runs the node; <paramref name="addServices"/> adds its services to the context before it freezes.</summary>
    public static async Task<int> RunAsync(NodeSettings settings, Action<NodeContext> addServices, StartClock clock, ShutdownSignal signal)
    {
        using var loggerFactory = NodeLogging.Create(settings.LogLevel, settings.LogFormat);
        var logger = loggerFactory.CreateLogger("DistSys.Host");
        clock.Mark("logging");
        var options = ToClusterOptions(settings, loggerFactory);
        ClusterNode cluster;
        try
        {
            cluster = await ClusterNode.StartAsync(options, signal.Token).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            // The cluster core's own validation (e.g. a failure timeout not above its default heartbeat) is a config error too.
            await Console.Error.WriteLineAsync($"distributed_system: invalid settings: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        await using (cluster.ConfigureAwait(false))
        {
            clock.Mark("cluster core");
            var context = new NodeContext(cluster, settings, loggerFactory);
            HostLog.Starting(logger, settings.Role.ToString().ToLowerInvariant(), settings.Name, settings.DataDirectory, settings.Cookie.Origin.ToString(), settings.ApiToken.Origin,
                options.HeartbeatInterval.TotalMilliseconds, options.FailureTimeout.TotalMilliseconds, settings.ConfigFile is { } file ? $", config {file}" : "");
            try
            {
                addServices(context);
            }
            catch (System.Data.Common.DbException ex)
            {
                // A store the services open while they are added (a shared store that does not answer): one line, exit 1.
                HostLog.ServiceFailed(logger, "store", ex.Message);
                return ExitCodes.Failure;
            }

            context.Freeze();
            return await RunAsync(context, logger, clock, signal).ConfigureAwait(false);
        }
    }

    // The order matters to services: a master starts them before its port opens, so a worker that joins
    // already finds what they registered globally (e.g. the job scheduler); a worker starts them once it
    // has joined, so they can look those names up. A worker listens before it joins: once the master
    // announces it, the other members dial it.
    private static async Task<int> RunAsync(NodeContext context, ILogger logger, StartClock clock, ShutdownSignal signal)
    {
        var app = BuildWebApp(context);
        clock.Mark("web app");
        await using (app.ConfigureAwait(false))
        {
            var isMaster = context.Settings.Master is null;
            try
            {
                // A master that must lead first (a shared store) listens as a standby until it does.
                var started = context.Leadership is { } campaign
                    ? await TryListenAsync(app, context, logger, clock).ConfigureAwait(false)
                        && await LeadAsync(context, campaign, clock, signal.Token).ConfigureAwait(false)
                        && await StartServicesAsync(context, logger, clock, signal.Token).ConfigureAwait(false)
                    : (!isMaster || await StartServicesAsync(context, logger, clock, signal.Token).ConfigureAwait(false))
                        && await TryListenAsync(app, context, logger, clock).ConfigureAwait(false);
                if (!started ||
                    !await JoinAsync(context, logger, clock, signal.Token).ConfigureAwait(false) ||
                    (!isMaster && !await StartServicesAsync(context, logger, clock, signal.Token).ConfigureAwait(false)))
                {
                    await StopAsync(context, app, logger).ConfigureAwait(false);
                    return ExitCodes.Failure;
                }

                context.Status = NodeStatus.Ready;
                HostLog.Ready(logger, context.Settings.Name, clock.SinceMainMs, StartClock.SinceProcessStartMs());
                HostLog.StartPhases(logger, clock.Phases);
                if (await Task.WhenAny(Task.Delay(Timeout.Infinite, signal.Token), context.SteppedDown).ConfigureAwait(false) == context.SteppedDown)
                {
                    HostLog.SteppedDown(logger, context.Settings.Name, context.SteppedDown.Result);
                    await LeaveAsync(context, logger).ConfigureAwait(false);
                    await StopAsync(context, app, logger).ConfigureAwait(false);
                    return ExitCodes.Failure;
                }
            }
            catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
            {
                // SIGTERM / Ctrl-C, whether the node was ready or still starting: leave in order below.
            }

            HostLog.Leaving(logger, context.Settings.Name, signal.Reason);
            await LeaveAsync(context, logger).ConfigureAwait(false);
            await StopAsync(context, app, logger).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
    }

    private static ClusterNodeOptions ToClusterOptions(NodeSettings settings, ILoggerFactory loggerFactory)
    {
        var options = new ClusterNodeOptions
        {
            Name = settings.Name,
            Role = settings.Role,
            Host = settings.Listen.Host,
            Port = settings.Listen.Port,
            MasterHost = settings.Master?.Host,
            MasterPort = settings.Master?.Port ?? 0,
            OtherMasters = [.. settings.OtherMasters.Select(m => new System.Net.DnsEndPoint(m.Host, m.Port))],
            Cookie = settings.Cookie,
            LoggerFactory = loggerFactory,
            Connection = settings.Tls is { } tls ? new ConnectionOptions { Tls = tls } : null,
        };
        options = settings.HeartbeatInterval is { } interval ? options with { HeartbeatInterval = interval } : options;
        return settings.FailureTimeout is { } timeout ? options with { FailureTimeout = timeout } : options;
    }
}
