using System.Buffers;
using System.Text;
using System.Text.Json;
using DistSys.Jobs;
using DistSys.Jobs.Scheduling;
using Microsoft.AspNetCore.Http;
using DistSys.Host.Api;

namespace DistSys.Host.Jobs;

/// <summary>Results download and cancellation.</summary>
internal static partial class JobEndpoints
{
    private static async Task<IResult> ResultsAsync(string id, JobMaster master)
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
}
