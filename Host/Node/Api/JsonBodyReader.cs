using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DistSys.Host.Api;

/// <summary>
/// Reads a JSON request body for every endpoint that takes one (jobs, workers, plugins): bounded in size before it is read,
/// parsed without reflection, and refused with an error that names the field. A body that parses is also
/// clean: no key twice in any object (nested ones too) and no string that is not valid Unicode, so nothing
/// downstream can trip over a lone surrogate or take the last of two values silently.
/// </summary>
internal static class JsonBodyReader
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    /// <summary>The parsed body, or the 400 to answer with.</summary>
    public static async Task<(JsonDocument? Body, IResult? Error)> ReadObjectAsync(HttpRequest request, int maxBytes)
    {
        var (buffer, error) = await ReadBoundedAsync(request, maxBytes).ConfigureAwait(false);
        if (buffer is null)
        {
            return (null, error);
        }

        if (buffer.WrittenCount == 0)
        {
            return (null, ApiResults.BadRequest("invalid_json", "body: is empty; send a JSON object"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.WrittenMemory, s_options);
        }
        catch (JsonException ex) when (ex.Message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return (null, ApiResults.BadRequest("invalid_json", $"body: a key appears twice in one object (line {ex.LineNumber + 1}); each key may be given once"));
        }
        catch (JsonException ex)
        {
            return (null, ApiResults.BadRequest("invalid_json", $"body: malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}"));
        }
        catch (InvalidOperationException)
        {
            // Comparing keys for duplicates unescapes them: a key that is not valid UTF-16 fails there.
            return (null, InvalidText());
        }

        if (!JsonUnicode.IsValid(buffer.WrittenSpan))
        {
            document.Dispose();
            return (null, InvalidText());
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, ApiResults.BadRequest("invalid_json", "body: must be a JSON object"));
        }

        return (document, null);
    }

    /// <summary>The whole body, at most <paramref name="maxBytes"/> (declared or streamed), or the 400 to answer with.</summary>
    public static async Task<(ArrayBufferWriter<byte>? Body, IResult? Error)> ReadBoundedAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            int read;
            try
            {
                read = await request.Body.ReadAsync(buffer.GetMemory(8192), request.HttpContext.RequestAborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // Kestrel's own bound (a chunked body past MaxRequestBodySize): the same answer as ours.
                return (null, TooLarge(maxBytes));
            }

            if (read == 0)
            {
                return (buffer, null);
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
        }
    }

    /// <summary>The first property not in <paramref name="known"/>, if any.</summary>
    public static string? UnknownField(JsonElement body, params string[] known)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                return property.Name;
            }
        }

        return null;
    }

    public static IResult Invalid(string field, string detail) => ApiResults.BadRequest("invalid_field", $"{field}: {detail}");

    private static IResult InvalidText() =>
        ApiResults.BadRequest("invalid_json", "body: a string is not valid Unicode (a lone surrogate escape such as \\ud800, or invalid UTF-8)");

    private static IResult TooLarge(int maxBytes) => ApiResults.BadRequest("body_too_large", $"body: larger than {maxBytes} bytes");
}
