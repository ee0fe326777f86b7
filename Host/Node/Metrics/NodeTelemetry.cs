using DistSys.Host.Hosting.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DistSys.Host.Metrics;

/// <summary>
/// The node's telemetry, through the OpenTelemetry SDK (docs/metrics.md says why): every module's
/// <c>System.Diagnostics.Metrics</c> meter ("DistSys.*"), the .NET runtime's and the process's meters,
/// exported in the Prometheus text format at <c>GET /metrics</c>; traces from the modules'
/// ActivitySources only when <c>--otlp-endpoint</c> is set (otherwise no listener exists, and starting an
/// activity costs one null check).
/// </summary>
internal static class NodeTelemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>The meters and sources of every module, Host/Streams included.</summary>
    public const string Modules = "DistSys.*";

    public static IServiceCollection AddNodeTelemetry(this IServiceCollection services, NodeSettings settings)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("distributed_system", serviceInstanceId: settings.Name, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
                .AddMeter(Modules)
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation()
                .AddPrometheusExporter(prometheus =>
                {
                    prometheus.ScrapeEndpointPath = MetricsPath;
                    // A scrape is computed at most once a second; scrapers arriving meanwhile share it.
                    prometheus.ScrapeResponseCacheDurationMilliseconds = 1000;
                }));
        if (settings.OtlpEndpoint is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(Modules)
                .AddOtlpExporter(otlp =>
                {
                    otlp.Endpoint = endpoint;
                    otlp.Protocol = endpoint.AbsolutePath.EndsWith("/v1/traces", StringComparison.Ordinal)
                        ? OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf
                        : OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;
                }));
        }

        return services;
    }

    /// <summary>GET /metrics: behind the API token like every route, unless <c>--metrics-public</c> opens it (and only it).</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app, NodeSettings settings)
    {
        // GET only, and not in the OpenAPI document: it answers Prometheus text, not the API's JSON (docs/api.md lists it).
        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .ExcludeFromDescription();
        if (settings.MetricsPublic)
        {
            endpoint.AllowAnonymous();
        }

        return app;
    }

    /// <summary>Counts every request; first in the pipeline so refusals are counted too.</summary>
    public static WebApplication UseHttpMetrics(this WebApplication app)
    {
        app.UseMiddleware<HttpMetricsMiddleware>();
        return app;
    }
}
