using System.Globalization;
using System.Text.Json;
using DistSys.Streams.Storage;
using Microsoft.AspNetCore.Http;

namespace DistSys.Host.Streams;

/// <summary>
/// A page of a collect sink as NDJSON, the next offset to read and the oldest kept in headers; or, asked for
/// JSON, one object <c>{"events": [...], "next": N, "first": F}</c> (<see cref="SinkPageView"/>).
/// </summary>
internal sealed class SinkPageResult(CollectedPage page, bool json) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.Headers["X-Next-Offset"] = page.Next.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-First-Offset"] = page.First.ToString(CultureInfo.InvariantCulture);
        if (json)
        {
            response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(response.Body);
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            foreach (var evt in page.Events)
            {
                writer.WriteRawValue(evt, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteNumber("next", page.Next);
            writer.WriteNumber("first", page.First);
            writer.WriteEndObject();
            return;
        }

        response.ContentType = "application/x-ndjson";
        foreach (var evt in page.Events)
        {
            await response.Body.WriteAsync(evt, httpContext.RequestAborted).ConfigureAwait(false);
            await response.Body.WriteAsync("\n"u8.ToArray(), httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
