using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace DistSys.Host.Api.Security;

/// <summary>
/// The one HTTP pipeline in front of every endpoint of a node (and of the tests' API servers), in this
/// order: errors without internals, routing, allowed hosts, rate limit per client address, API token,
/// media type. Written once here so a route added anywhere is covered without doing anything.
/// No CORS middleware is ever added: a browser's cross-origin request gets no Access-Control-* header.
/// </summary>
internal static class ApiPipeline
{
    /// <summary>Kestrel's connection and request limits.</summary>
    public static void ApplyLimits(KestrelServerLimits kestrel, ApiLimits limits)
    {
        kestrel.MaxConcurrentConnections = limits.MaxConnections;
        kestrel.MaxRequestBodySize = ApiLimits.MaxRequestBodyBytes;
        kestrel.MaxRequestHeadersTotalSize = ApiLimits.MaxRequestHeadersBytes;
        kestrel.MaxRequestHeaderCount = ApiLimits.MaxRequestHeaderCount;
        kestrel.RequestHeadersTimeout = ApiLimits.RequestHeadersTimeout;
    }

    /// <summary>The services the pipeline needs (the rate limiter), before the app is built.</summary>
    public static IServiceCollection AddApiPipeline(this IServiceCollection services, ApiLimits limits)
    {
        if (limits.RateLimit == 0)
        {
            return services;
        }

        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, IPAddress>(context =>
                RateLimitPartition.GetTokenBucketLimiter(ClientAddress(context), _ => new TokenBucketRateLimiterOptions
                {
                    // A second's worth of burst, refilled every second; no queue: a client over its rate is told to come back.
                    TokenLimit = limits.RateLimit,
                    TokensPerPeriod = limits.RateLimit,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(ApiResults.Status(StatusCodes.Status429TooManyRequests, "rate_limited",
                    $"more than {limits.RateLimit} requests per second from this address; retry after {seconds} s").ExecuteAsync(rejected.HttpContext));
            };
        });
    }

    /// <summary>The middleware, in order; call before mapping endpoints.</summary>
    public static WebApplication UseApiPipeline(this WebApplication app, ApiToken token, ApiLimits limits)
    {
        app.UseMiddleware<ApiExceptionMiddleware>();
        app.UseRouting();
        if (limits.AllowedHosts.Count > 0)
        {
            app.UseMiddleware<AllowedHostsMiddleware>(limits.AllowedHosts);
        }

        if (limits.RateLimit > 0)
        {
            // After routing, so an endpoint marked DisableRateLimiting (GET /healthz) is never throttled.
            app.UseRateLimiter();
        }

        app.UseMiddleware<ApiTokenMiddleware>(token);
        if (limits.MaxMemoryMib > 0)
        {
            app.UseMiddleware<MemoryGuardMiddleware>(limits);
        }

        app.UseMiddleware<MediaTypeMiddleware>();
        return app;
    }

    /// <summary>Marks an endpoint open to anyone: no token, no rate limit (a readiness probe must always get through).</summary>
    public static TBuilder OpenToAnyone<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AllowAnonymous().DisableRateLimiting();

    // One bucket per client address; an IPv4 client seen through a dual-stack socket is the same client.
    private static IPAddress ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address
            : IPAddress.None;
}
