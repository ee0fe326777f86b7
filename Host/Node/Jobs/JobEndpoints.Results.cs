using System.Globalization;
using System.Buffers;
using System.Text;
using System.Text.Json;
using DistSys.Jobs;
using DistSys.Jobs.Scheduling;
using DistSys.Jobs.Storage;
using Microsoft.AspNetCore.Http;
using DistSys.Host.Api;

namespace DistSys.Host.Jobs;

/// <summary>Results download and cancellation.</summary>
internal static partial class JobEndpoints
{
    /// <summary>The largest result answered as one JSON document; a larger one is streamed as NDJSON only.</summary>
    public const long MaxJsonResultBytes = 64L << 20;

    private static async Task<IResult> ResultsAsync(string id, HttpRequest request, JobMaster master)
    {
        if (await master.CallAsync<JobView?>(new GetJob(id)).ConfigureAwait(false) is not { } job)
        {
            return UnknownJob(id);
        }

        if (job.Status != JobStatus.Completed)
        {
            return ApiResults.Status(StatusCodes.Status409Conflict, "not_completed",
                $"job '{id}' is {job.Status.Name()} ({job.Done}/{job.Total} tasks done); results exist once it is completed");
        }

        string? partText = request.Query["part"];
        if (partText is not null)
        {
            return int.TryParse(partText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && master.Store.FindOutput(job.Id, index) is { } output
                ? Part(master, job.Id, output)
                : ApiResults.Status(StatusCodes.Status404NotFound, "unknown_part",
                    $"part: job '{id}' has no part '{partText}' (parts are named by task index; a shuffled job's are its reduce tasks')");
        }

        var (parts, bytes) = master.Store.OutputSize(job.Id);
        if (WantsNdjson(request))
        {
            // Parts laid end to end are the result only for some operations; for the others (a sum's
            // total, a sort's merge) the combined result, small by construction, is what is streamed.
            return master.Options.Operations.TryGet(job.Operation, out var operation) && operation.ResultIsItsParts
                ? new NdjsonResult(master, job.Id, parts)
                : Results.Bytes(NdjsonResult.InlineLines(master.CombinedResult(job.Id, job.Operation)), NdjsonResult.ContentType);
        }

        if (bytes > MaxJsonResultBytes)
        {
            return ApiResults.Status(StatusCodes.Status406NotAcceptable, "result_too_large",
                $"job '{id}' has {bytes} bytes of results, more than {MaxJsonResultBytes} answered as one JSON document: ask with Accept: application/x-ndjson (or ?part=N)");
        }

        // The combined result is arbitrary JSON written by the operation, so the body is written by hand around it.
        var result = master.CombinedResult(job.Id, job.Operation);
        var buffer = new ArrayBufferWriter<byte>(result.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("job_id", job.Id);
            writer.WriteString("name", job.Name);
            writer.WriteString("operation", job.Operation);
            writer.WriteString("status", job.Status.Name());
            writer.WriteNumber("tasks", job.Total);
            writer.WritePropertyName("result");
            writer.WriteRawValue(result, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.WrittenSpan), "application/json", Encoding.UTF8);
    }

    /// <summary>NDJSON when the client's Accept ranks it at least as high as JSON; JSON (today's answer) otherwise.</summary>
    private static bool WantsNdjson(HttpRequest request)
    {
        double ndjson = -1, json = -1;
        foreach (var accept in request.GetTypedHeaders().Accept)
        {
            var quality = accept.Quality ?? 1;
            if (accept.MediaType.Equals(NdjsonResult.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                ndjson = Math.Max(ndjson, quality);
            }
            else if (accept.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, quality);
            }
        }

        return ndjson > 0 && ndjson >= json;
    }

    /// <summary>One task's part: a part file served as a file (so HTTP Range requests work), an inline result as its lines.</summary>
    private static IResult Part(JobMaster master, string jobId, JobOutput output) => output.Part is not null
        ? Results.File(master.Store.Parts.PathOf(jobId, output.Index), NdjsonResult.ContentType, enableRangeProcessing: true)
        : Results.Bytes(NdjsonResult.InlineLines(output.Value!), NdjsonResult.ContentType);

    private static async Task<IResult> CancelAsync(string id, JobMaster master)
    {
        if (await master.CallAsync<JobView?>(new CancelJob(id)).ConfigureAwait(false) is not { } job)
        {
            return UnknownJob(id);
        }

        return job.Status == JobStatus.Cancelled
            ? Results.Json(JobStatusView.From(job), JobJsonContext.Default.JobStatusView)
            : ApiResults.Status(StatusCodes.Status409Conflict, "already_finished", $"job '{id}' already {job.Status.Name()}");
    }

    private static async Task<IResult> RetryAsync(string id, JobMaster master)
    {
        if (await master.CallAsync<RetryAnswer?>(new RetryJob(id)).ConfigureAwait(false) is not { } answer)
        {
            return UnknownJob(id);
        }

        return answer.Retried
            ? Results.Json(JobStatusView.From(answer.Job), JobJsonContext.Default.JobStatusView)
            : ApiResults.Status(StatusCodes.Status409Conflict, "not_retryable", $"job '{id}' is {answer.Job.Status.Name()}: only a failed or cancelled job is retried");
    }
}
