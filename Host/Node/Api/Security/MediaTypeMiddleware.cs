using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace DistSys.Host.Api.Security;

/// <summary>
/// A request with a body (or a Content-Type) must declare a type its endpoint accepts: JSON unless the
/// endpoint declares others with <c>.Accepts(...)</c> (<see cref="IAcceptsMetadata"/>), e.g.
/// <c>application/octet-stream</c> for an upload. A browser can send text/plain, a form or multipart to any
/// origin without asking (no CORS preflight); refusing them here means a web page cannot drive the API.
/// </summary>
internal sealed class MediaTypeMiddleware(RequestDelegate next)
{
    private static readonly MediaTypeHeaderValue[] s_json = [MediaTypeHeaderValue.Parse("application/json")];

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var hasBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;
        if (request.ContentType is null && !hasBody)
        {
            return next(context);
        }

        var declared = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes;
        var accepted = declared is { Count: > 0 } ? [.. declared.Select(t => MediaTypeHeaderValue.Parse(t))] : s_json;
        if (request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var given) && accepted.Any(given.IsSubsetOf))
        {
            return next(context);
        }

        var expected = string.Join(" or ", accepted.Select(a => a.MediaType.ToString()));
        return ApiResults.Status(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
            $"Content-Type: send the body as {expected}").ExecuteAsync(context);
    }
}
