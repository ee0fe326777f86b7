using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistSys.Host.Metrics;

/// <summary>
/// Counts every HTTP request by its route template and status code (<c>distsys_http_requests_total</c>),
/// refused ones included: it stands first in the pipeline. The route is the endpoint's template, never
/// the path a client sent, so the label set stays as small as the API.
/// </summary>
internal sealed class HttpMetricsMiddleware(RequestDelegate next)
{
    public const string MeterName = "DistSys.Host";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Counter<long> s_requests = s_meter.CreateCounter<long>("distsys.http.requests", "{request}",
        "HTTP requests answered by this node, by route template (unmatched for none) and status code");

    // Status codes as label values, built once.
    private static readonly string[] s_codes = [.. Enumerable.Range(0, 600).Select(code => code.ToString(CultureInfo.InvariantCulture))];

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var status = context.Response.StatusCode;
            var tags = new TagList { { "route", route }, { "code", (uint)status < s_codes.Length ? s_codes[status] : "other" } };
            s_requests.Add(1, in tags);
        }
    }
}
