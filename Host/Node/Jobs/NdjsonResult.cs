using System.Text.Json;
using DistSys.Jobs;
using DistSys.Jobs.Storage;
using Microsoft.AspNetCore.Http;

namespace DistSys.Host.Jobs;

/// <summary>
/// A completed job's result as NDJSON, part after part in task order: part files copied as they are,
/// inline results turned into the same lines (<see cref="PartFiles.Lines"/>). Streamed from a cursor
/// over the store, so the master holds one part of it at a time however many parts there are.
/// </summary>
internal sealed class NdjsonResult(JobMaster master, string jobId, long parts) : IResult
{
    public const string ContentType = "application/x-ndjson";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.Headers["X-Result-Parts"] = parts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var aborted = httpContext.RequestAborted;
        foreach (var output in master.Store.StreamOutputs(jobId))
        {
            if (output.Part is not null)
            {
                await using var file = File.OpenRead(master.Store.Parts.PathOf(jobId, output.Index));
                await file.CopyToAsync(response.Body, aborted).ConfigureAwait(false);
            }
            else
            {
                await response.Body.WriteAsync(InlineLines(output.Value!), aborted).ConfigureAwait(false);
            }
        }
    }

    /// <summary>An inline result's NDJSON lines, each ended by LF.</summary>
    public static byte[] InlineLines(string value)
    {
        using var document = JsonDocument.Parse(value);
        using var lines = new MemoryStream();
        foreach (var line in PartFiles.Lines(document.RootElement))
        {
            lines.Write(line);
            lines.WriteByte((byte)'\n');
        }

        return lines.ToArray();
    }
}
