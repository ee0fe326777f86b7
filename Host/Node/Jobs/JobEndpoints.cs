using System.Text.Json;
using DistSys.Jobs;
using DistSys.Jobs.Scheduling;
using DistSys.Jobs.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using DistSys.Host.Api;
using DistSys.Host.Api.Security;
using DistSys.Streams;

namespace DistSys.Host.Jobs;

/// <summary>
/// The job endpoints on the master (docs/api.md): submit, status, list, results, cancel, retry. Each asks
/// the scheduler process; results are read from the store.
/// </summary>
internal static partial class JobEndpoints
{
    /// <summary>A job request may carry inline data or text up to the config's own caps.</summary>
    public const int MaxJobBodyBytes = 16 << 20;
    public const int MaxNameLength = 200;
    public const int MaxPageSize = 1000;

    /// <summary>The longest <c>Idempotency-Key</c> a submit may carry (visible ASCII).</summary>
    public const int MaxIdempotencyKeyLength = 128;
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int DefaultPageSize = 50;
    private const string UnknownJobCode = "unknown_job: no job has this id";

    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app, JobMaster master, StreamMaster? streams = null)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs").Fails(StatusCodes.Status503ServiceUnavailable, SchedulerGuard.Unavailable);
        jobs.MapPost("", (HttpRequest request) => SchedulerGuard.RunAsync(() => SubmitAsync(request, master, streams)))
            .AddsWork()
            .Describe("submitJob", "Submit a batch job or a streaming topology (\"type\": \"streaming\", docs/streaming.md); the answer comes once it is durable in the store")
            .AcceptsJson<JobSubmitRequest>().Answers<JobStatusView>(StatusCodes.Status201Created)
            .Answers<JobStatusView>(StatusCodes.Status200OK)
            .Fails(StatusCodes.Status400BadRequest, $"invalid_json, invalid_field (the detail names the field; Idempotency-Key: 1-{MaxIdempotencyKeyLength} visible ASCII characters, batch jobs only) or body_too_large (over {MaxJobBodyBytes} bytes)")
            .Fails(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused: an earlier submit used this Idempotency-Key with another body");
        jobs.MapGet("", (HttpRequest request) => SchedulerGuard.RunAsync(() => ListAsync(request, master)))
            .Describe("listJobs", "One page of jobs, newest first")
            .Query("offset", JsonSchemaType.Integer, "jobs to skip, 0 or more (default 0)")
            .Query("limit", JsonSchemaType.Integer, $"jobs in the page, 1-{MaxPageSize} (default {DefaultPageSize})")
            .Query("status", JsonSchemaType.String, "only jobs in this status: pending, running, completed, failed or cancelled")
            .Answers<JobListView>().Fails(StatusCodes.Status400BadRequest, "invalid_field: offset, limit or status out of range");
        jobs.MapGet("/{id}", (string id) => SchedulerGuard.RunAsync(() => streams?.Streams.ContainsKey(id) == true ? StreamStatusAsync(id, streams) : GetAsync(id, master)))
            .Describe("getJob", "A job's status and progress").Answers<JobStatusView>().Fails(StatusCodes.Status404NotFound, UnknownJobCode);
        jobs.MapGet("/{id}/results", (string id, HttpRequest request) => SchedulerGuard.RunAsync(() => ResultsAsync(id, request, master)))
            .Describe("getJobResults", "A completed job's combined result; with Accept: application/x-ndjson its parts streamed as NDJSON").Answers<JobResultsView>()
            .Query("part", JsonSchemaType.Integer, "one task's part (its index), as NDJSON; HTTP Range requests work on parts stored as files")
            .Fails(StatusCodes.Status404NotFound, $"{UnknownJobCode}, or unknown_part: the job has no such part")
            .Fails(StatusCodes.Status406NotAcceptable, $"result_too_large: over {MaxJsonResultBytes} bytes, only as NDJSON")
            .Fails(StatusCodes.Status409Conflict, "not_completed: the job has not completed (yet)");
        jobs.MapDelete("/{id}", (string id) => SchedulerGuard.RunAsync(() => streams?.Streams.ContainsKey(id) == true ? StopAsync(id, streams) : CancelAsync(id, master)))
            .Describe("cancelJob", "Cancel a job, or stop a topology (drained first); the answer comes once it is durable").Answers<JobStatusView>()
            .Fails(StatusCodes.Status404NotFound, UnknownJobCode).Fails(StatusCodes.Status409Conflict, "already_finished: the job completed or failed");
        jobs.MapPost("/{id}/retry", (string id) => SchedulerGuard.RunAsync(() => streams?.Streams.ContainsKey(id) == true
                ? Task.FromResult(ApiResults.Status(StatusCodes.Status409Conflict, "not_retryable", $"'{Clip(id)}' is a streaming topology: submit it again"))
                : RetryAsync(id, master)))
            .AddsWork()
            .Describe("retryJob", "Run a failed or cancelled job again: its completed tasks are kept, the others run with a fresh budget of attempts; the answer comes once it is durable")
            .Answers<JobStatusView>().Fails(StatusCodes.Status404NotFound, UnknownJobCode)
            .Fails(StatusCodes.Status409Conflict, "not_retryable: the job is pending, running or completed, or is a streaming topology");
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, JobMaster master, StreamMaster? streams)
    {
        var (document, error) = await JsonBodyReader.ReadObjectAsync(request, MaxJobBodyBytes).ConfigureAwait(false);
        if (document is null)
        {
            return error!;
        }

        if (!TryReadKey(request, document, out var key, out var keyError))
        {
            document.Dispose();
            return keyError!;
        }

        using (document)
        {
            var body = document.RootElement;
            if (JsonBodyReader.UnknownField(body, "name", "type", "config") is { } unknown)
            {
                return JsonBodyReader.Invalid(unknown, "unknown field (known: name, type, config)");
            }

            if (!body.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
                || nameElement.GetString() is not { Length: > 0 and <= MaxNameLength } name || !NameRules.IsPrintable(name))
            {
                return JsonBodyReader.Invalid("name", $"required: a string of 1-{MaxNameLength} characters, {NameRules.Rule}");
            }

            var kind = body.TryGetProperty("type", out var type) ? (type.ValueKind == JsonValueKind.String ? type.GetString() : null) : "batch";
            JsonElement? configElement = body.TryGetProperty("config", out var c) ? c : null;
            if (kind == "streaming" && streams is not null)
            {
                return key is null
                    ? await SubmitStreamAsync(name, configElement, streams).ConfigureAwait(false)
                    : JsonBodyReader.Invalid(IdempotencyKeyHeader, "is taken for batch jobs only");
            }

            if (kind != "batch")
            {
                return JsonBodyReader.Invalid("type", streams is null ? "must be \"batch\" on this node" : "must be \"batch\" or \"streaming\"");
            }

            var (config, configError) = JobConfigParser.Parse(configElement, master.Options.Operations, master.Options.Inputs);
            if (config is null)
            {
                return JsonBodyReader.Invalid(configError!.Field, configError.Detail);
            }

            if (master.StorageFull() is { } full)
            {
                return ApiResults.Status(StatusCodes.Status507InsufficientStorage, "storage_full", full);
            }

            if (key is null)
            {
                var job = await master.CallAsync<JobView>(new SubmitJob(name, config)).ConfigureAwait(false);
                return Results.Json(JobStatusView.From(job), JobJsonContext.Default.JobStatusView, statusCode: StatusCodes.Status201Created);
            }

            var submitted = await master.CallAsync<KeyedSubmit>(new SubmitKeyedJob(name, config, key)).ConfigureAwait(false);
            return submitted.Job is { } keyed
                ? Results.Json(JobStatusView.From(keyed), JobJsonContext.Default.JobStatusView,
                    statusCode: submitted.Repeat ? StatusCodes.Status200OK : StatusCodes.Status201Created)
                : ApiResults.Status(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused",
                    $"the {IdempotencyKeyHeader} was used by an earlier submit with another body; use a new key for a new job");
        }
    }

    /// <summary>
    /// The optional <c>Idempotency-Key</c> header, with the SHA-256 of the body it keys (its JSON text as
    /// sent): a retry of a submit (a takeover between the commit and the answer) finds the same job.
    /// </summary>
    private static bool TryReadKey(HttpRequest request, JsonDocument document, out IdempotencyKey? key, out IResult? error)
    {
        key = null;
        error = null;
        if (!request.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            return true;
        }

        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxIdempotencyKeyLength } text || !text.All(c => c is > ' ' and < '\x7f'))
        {
            error = JsonBodyReader.Invalid(IdempotencyKeyHeader, $"one header of 1-{MaxIdempotencyKeyLength} visible ASCII characters");
            return false;
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(document.RootElement.GetRawText()));
        key = new IdempotencyKey(text, Convert.ToHexStringLower(hash));
        return true;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, JobMaster master)
    {
        if (!TryQueryInt(request, "offset", 0, 0, int.MaxValue, out var offset, out var error)
            || !TryQueryInt(request, "limit", DefaultPageSize, 1, MaxPageSize, out var limit, out error))
        {
            return error!;
        }

        JobStatus? status = null;
        if (request.Query.TryGetValue("status", out var statusText))
        {
            if (!JobStatusNames.TryParse(statusText.ToString(), out var parsed))
            {
                return JsonBodyReader.Invalid("status", "must be pending, running, completed, failed or cancelled");
            }

            status = parsed;
        }

        var page = await master.CallAsync<JobPage>(new ListJobs(offset, limit, status)).ConfigureAwait(false);
        return Results.Json(new JobListView([.. page.Jobs.Select(JobStatusView.From)], page.Total, page.Offset, page.Limit),
            JobJsonContext.Default.JobListView);
    }

    private static async Task<IResult> GetAsync(string id, JobMaster master) =>
        await master.CallAsync<JobView?>(new GetJob(id)).ConfigureAwait(false) is { } job
            ? Results.Json(JobStatusView.From(job), JobJsonContext.Default.JobStatusView)
            : UnknownJob(id);

    private static bool TryQueryInt(HttpRequest request, string name, int fallback, int min, int max, out int value, out IResult? error)
    {
        var ok = QueryInt.TryRead(request, name, fallback, min, max, out var read, out error);
        value = (int)read;
        return ok;
    }

    private static IResult UnknownJob(string id) => ApiResults.NotFound("unknown_job", $"job '{Clip(id)}' does not exist");

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
