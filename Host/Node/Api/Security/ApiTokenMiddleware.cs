using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace DistSys.Host.Api.Security;

/// <summary>
/// Every request needs <c>Authorization: Bearer TOKEN</c> unless its endpoint is marked
/// <see cref="IAllowAnonymous"/> (<c>GET /healthz</c> only). A request that matched no route needs it too,
/// so without the token a caller cannot even learn which routes exist.
/// </summary>
internal sealed class ApiTokenMiddleware(RequestDelegate next, ApiToken token)
{
    private const string Scheme = "Bearer ";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization;
        string? detail = null;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            detail = "no API token: send the header Authorization: Bearer TOKEN (docs/security.md)";
        }
        else if (!token.Matches(value.AsSpan(Scheme.Length).Trim()))
        {
            detail = "the API token is not this node's (docs/security.md)";
        }

        if (detail is null)
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiResults.Status(StatusCodes.Status401Unauthorized, "unauthorized", detail).ExecuteAsync(context);
    }
}
