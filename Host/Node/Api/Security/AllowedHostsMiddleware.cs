using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace DistSys.Host.Api.Security;

/// <summary>
/// <c>--allowed-hosts</c>: a request whose Host header is not one of the names is refused (400
/// <c>invalid_host</c>), with ASP.NET Core's own host matching (<see cref="HostString.MatchesAny"/>: ports
/// ignored, <c>*.example.com</c> wildcards). It defeats DNS rebinding, where a web page reaches a node
/// under a name the attacker controls.
/// </summary>
internal sealed class AllowedHostsMiddleware(RequestDelegate next, IReadOnlyList<string> allowed)
{
    private readonly StringSegment[] _allowed = [.. allowed.Select(h => new StringSegment(h))];

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host;
        if (host.HasValue && HostString.MatchesAny(new StringSegment(host.Value), _allowed))
        {
            return next(context);
        }

        return ApiResults.Status(StatusCodes.Status400BadRequest, "invalid_host",
            "Host: not one of the names this node answers (its --allowed-hosts)").ExecuteAsync(context);
    }
}
