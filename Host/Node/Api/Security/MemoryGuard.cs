using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DistSys.Host.Api.Security;

/// <summary>
/// Load shedding under <c>max_memory</c>: once the node's resident memory reaches <see cref="ShedFraction"/> of it,
/// the endpoints that take on new work (marked <see cref="AddsWork"/>: job submits, stream ingests, plugin
/// deploys) answer 503 <c>overloaded</c> with <c>Retry-After</c>, so a node nearing its memory bound refuses
/// work rather than being killed by the kernel with the work it holds. Everything else — reads, cancels,
/// worker heartbeats, cluster links — goes on, so the node can drain. Off when <c>max_memory</c> is 0.
/// </summary>
internal sealed class MemoryGuardMiddleware(RequestDelegate next, ApiLimits limits)
{
    /// <summary>The share of <c>max_memory</c> at which new work is refused: headroom for the work already accepted.</summary>
    public const double ShedFraction = 0.9;

    private readonly long _shedAt = (long)(limits.MaxMemoryMib * ShedFraction * (1 << 20));

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AddsWork>() is null)
        {
            return next(context);
        }

        // Environment.WorkingSet is the resident set (/proc/self/statm on Linux): read only on these few requests.
        var resident = Environment.WorkingSet;
        if (resident < _shedAt)
        {
            return next(context);
        }

        context.Response.Headers.RetryAfter = "1";
        return ApiResults.Status(StatusCodes.Status503ServiceUnavailable, "overloaded",
            string.Create(CultureInfo.InvariantCulture,
                $"the node uses {resident >> 20} MiB, {ShedFraction:P0} of max_memory ({limits.MaxMemoryMib} MiB) or more: new work is refused until it frees memory; retry later"))
            .ExecuteAsync(context);
    }
}

/// <summary>Endpoint metadata: this endpoint takes on new work, refused first when the node is short of memory.</summary>
internal sealed class AddsWork
{
    public static readonly AddsWork Instance = new();

    private AddsWork()
    {
    }
}

internal static class AddsWorkExtensions
{
    /// <summary>Marks the endpoint as one that takes on new work (<see cref="MemoryGuardMiddleware"/>).</summary>
    public static TBuilder AddsWork<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(Security.AddsWork.Instance);
}
