using System.Buffers;
using System.Text.Json;
using DistSys.Host.Api;
using DistSys.Streams;
using Microsoft.AspNetCore.Http;

namespace DistSys.Host.Streams;

/// <summary>Ingest: a bounded NDJSON body, every line a JSON object within the line limit, appended whole or not at all.</summary>
internal static partial class StreamEndpoints
{
    private static async Task<IResult> IngestAsync(string id, string node, HttpRequest request, StreamMaster master)
    {
        if (Find(id, node, master, out var error) is null)
        {
            return error!;
        }

        var (body, readError) = await JsonBodyReader.ReadBoundedAsync(request, MaxIngestBytes).ConfigureAwait(false);
        if (body is null)
        {
            return readError!;
        }

        var lines = new ArrayBufferWriter<byte>(body.WrittenCount + 1);
        var (count, lineError) = Normalize(body.WrittenSpan, lines);
        if (lineError is not null)
        {
            return lineError;
        }

        var result = master.Ingest(id, node, lines.WrittenSpan);
        switch (result.Outcome)
        {
            case IngestOutcome.Accepted:
                return Results.Json(new IngestView(count, result.Start, result.End, result.Used, result.Capacity), StreamJsonContext.Default.IngestView,
                    statusCode: StatusCodes.Status202Accepted);
            case IngestOutcome.NotHttpSource:
                return ApiResults.BadRequest("not_http_source", $"node '{node}' is not an http source; events are posted to http sources only");
            case IngestOutcome.NotRunning:
                return ApiResults.Status(StatusCodes.Status409Conflict, "not_running", $"job '{id}' is {master.Streams[id].Status.Name()}; it takes no events");
            case IngestOutcome.LogFull:
                request.HttpContext.Response.Headers.RetryAfter = "1";
                return ApiResults.Status(StatusCodes.Status429TooManyRequests, "log_full",
                    $"source '{node}' holds {result.Used} of its {result.Capacity} bytes unacknowledged; retry once the sinks catch up");
            default:
                return ApiResults.NotFound("unknown_job", $"no streaming job has the id '{id}'");
        }
    }

    // Each non-blank line (CR LF or LF) must be one JSON object of at most MaxLineBytes; they are copied LF-ended.
    private static (int Count, IResult? Error) Normalize(ReadOnlySpan<byte> body, ArrayBufferWriter<byte> lines)
    {
        var count = 0;
        var number = 0;
        while (!body.IsEmpty)
        {
            number++;
            var end = body.IndexOf((byte)'\n');
            var line = (end < 0 ? body : body[..end]).TrimEnd((byte)'\r');
            body = end < 0 ? default : body[(end + 1)..];
            if (line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            if (line.Length > MaxLineBytes)
            {
                return (0, ApiResults.BadRequest("invalid_line", $"line {number}: {line.Length} bytes; a line is at most {MaxLineBytes} bytes"));
            }

            if (!IsObject(line))
            {
                return (0, ApiResults.BadRequest("invalid_line", $"line {number}: not a JSON object"));
            }

            lines.Write(line);
            lines.Write("\n"u8);
            count++;
        }

        return count == 0 ? (0, ApiResults.BadRequest("invalid_line", "body: no events; send NDJSON, one JSON object a line")) : (count, null);
    }

    private static bool IsObject(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 32 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read() && JsonUnicode.IsValid(line);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
