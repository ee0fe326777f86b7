using System.Net;
using System.Net.Security;
using DistSys.Transport.Security;
using DistSys.Host.Api;
using DistSys.Host.Api.Security;
using DistSys.Host.Dashboard;
using DistSys.Host.Metrics;
using DistSys.Host.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DistSys.Host.Hosting;

internal static partial class NodeHost
{
    /// <summary>How long stopping the web app waits for open HTTP requests and connections to finish.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The leanest WebApplication that serves the node: Kestrel, routing, the API's security pipeline
    /// (<see cref="ApiPipeline"/>) and its OpenAPI document (<see cref="ApiDocument"/>) only (no config files, no default logging providers: the node's own
    /// factory logs), one listener on the node's port whose connection middleware takes the cluster
    /// connections off before HTTP sees them.
    /// </summary>
    internal static WebApplication BuildWebApp(NodeContext context, TimeSpan? sniffTimeout = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "distributed_system" });
        builder.Services.AddSingleton(context.LoggerFactory);
        builder.Services.AddSingleton(context);
        builder.Services.AddRoutingCore();
        builder.Services.AddApiPipeline(context.Settings.ApiLimits);
        builder.Services.AddApiDocument();
        builder.Services.AddNodeTelemetry(context.Settings);
        // Stopping waits for open connections; a cluster connection a peer opened after this node left
        // would otherwise hold the exit for the default 30 s.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            ApiPipeline.ApplyLimits(kestrel.Limits, context.Settings.ApiLimits);
            var (connections, descriptors) = DescriptorBudget.Fit(context.Settings.ApiLimits.MaxConnections);
            if (descriptors is { } limit)
            {
                kestrel.Limits.MaxConcurrentConnections = connections;
                HostLog.ConnectionsLowered(context.LoggerFactory.CreateLogger("DistSys.Host"), context.Settings.ApiLimits.MaxConnections, connections, limit);
            }
            var tls = context.Settings.Tls;
            Listen(kestrel, context.Settings.Listen, listen =>
            {
                if (tls is not null)
                {
                    // TLS first; the cluster/HTTP split is then made by ALPN (distsys/1 vs h2/http/1.1), not by sniffing.
                    List<SslApplicationProtocol> protocols = [ClusterTls.ClusterProtocol, SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];
                    listen.UseHttps(new TlsHandshakeCallbackOptions
                    {
                        OnConnection = _ => ValueTask.FromResult(tls.ServerOptions(protocols)),
                    });
                }

                listen.Use(next => new ClusterConnectionMiddleware(next, context.Cluster, sniffTimeout, tls is not null, () => context.Status == NodeStatus.Standby).InvokeAsync);
            });
        });

        var app = builder.Build();
        app.UseHttpMetrics().UseApiPipeline(context.Settings.ApiToken, context.Settings.ApiLimits);
        app.MapNodeEndpoints().MapProcessEndpoints().MapApiDocument().MapMetrics(context.Settings).MapDashboard();
        foreach (var map in context.EndpointMaps)
        {
            map(app);
        }

        return app;
    }

    private static void Listen(KestrelServerOptions kestrel, Endpoint endpoint, Action<ListenOptions> configure)
    {
        if (IPAddress.TryParse(endpoint.Host, out var address))
        {
            kestrel.Listen(address, endpoint.Port, configure);
        }
        else if (string.Equals(endpoint.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(endpoint.Port, configure);
        }
        else
        {
            // A host name: listen on every address it resolves to, as a client dialling the name may reach any of them.
            foreach (var resolved in Dns.GetHostAddresses(endpoint.Host))
            {
                kestrel.Listen(resolved, endpoint.Port, configure);
            }
        }
    }

    private static async Task<bool> TryListenAsync(WebApplication app, NodeContext context, ILogger logger, StartClock clock)
    {
        var endpoint = context.Settings.Listen.ToString();
        try
        {
            await app.StartAsync().ConfigureAwait(false);
            clock.Mark("listen");
            HostLog.Listening(logger, context.Settings.Name, endpoint);
            return true;
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            HostLog.PortInUse(logger, endpoint);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            HostLog.ListenFailed(logger, endpoint, ex.Message);
        }

        return false;
    }
}
