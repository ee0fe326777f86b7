using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistSys.Host.Dashboard;

/// <summary>
/// GET /dashboard: one self-contained page (HTML, CSS, script and charts in one file embedded in the
/// executable: no CDN, works offline). The page holds no data, so it is served without the token; it
/// asks for the token once, keeps it in the tab's sessionStorage and sends it as the Authorization
/// header on every API call (no cookie, so no CSRF). It polls the existing endpoints once a second.
/// </summary>
internal static class DashboardEndpoints
{
    public const string Path = "/dashboard";

    // Inline script and style only, calls to this origin only, never framed.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<byte[]> s_page = new(Load);

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Serve).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return Results.Bytes(s_page.Value, "text/html; charset=utf-8");
    }

    private static byte[] Load()
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("DistSys.Host.Dashboard.dashboard.html")
            ?? throw new InvalidOperationException("the dashboard page is not embedded in the executable");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
