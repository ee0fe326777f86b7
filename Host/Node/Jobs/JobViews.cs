using System.Text.Json;
using DistSys.Jobs;

namespace DistSys.Host.Jobs;

/// <summary>A job's progress: tasks done of the total, and those running or waiting to retry.</summary>
internal sealed record JobProgressView(int Done, int Total, int Running, int Retrying, double Percent);

/// <summary>GET /api/jobs/{id}, and each job in a listing.</summary>
internal sealed record JobStatusView(
    string JobId,
    string Name,
    string Type,
    string Operation,
    string Status,
    JobProgressView Progress,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    string? Error)
{
    public static JobStatusView From(JobView job) => new(
        job.Id,
        job.Name,
        "batch",
        job.Operation,
        job.Status.Name(),
        new JobProgressView(job.Done, job.Total, job.Running, job.Retrying, Math.Round(100.0 * job.Done / job.Total, 1)),
        job.Attempts,
        Time(job.CreatedAt),
        job.StartedAt is { } started ? Time(started) : null,
        job.FinishedAt is { } finished ? Time(finished) : null,
        job.StartedAt is { } s && job.FinishedAt is { } f ? f - s : null,
        job.Error);

    public static DateTimeOffset Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}

// For the OpenAPI document only: JobEndpoints.ResultsAsync writes this shape by hand, copying the result's JSON as it is.

/// <summary>GET /api/jobs/{id}/results: a completed job and its operation's combined result (docs/jobs.md, "Operations and results").</summary>
internal sealed record JobResultsView(string JobId, string Name, string Operation, string Status, int Tasks, JsonElement Result);

/// <summary>GET /api/jobs: one page, newest first.</summary>
internal sealed record JobListView(IReadOnlyList<JobStatusView> Jobs, int Total, int Offset, int Limit);

/// <summary>A worker as GET /api/workers and the register/heartbeat answers show it.</summary>
internal sealed record WorkerStatusView(
    string WorkerId,
    string? Address,
    string Status,
    int MaxTasks,
    int ActiveTasks,
    long CompletedTasks,
    long FailedTasks,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? LastHeartbeat,
    JsonElement? Metrics)
{
    public static WorkerStatusView From(WorkerView worker) => new(
        worker.Id,
        worker.Address,
        worker.Status,
        worker.MaxTasks,
        worker.ActiveTasks,
        worker.Completed,
        worker.Failed,
        JobStatusView.Time(worker.RegisteredAt),
        worker.LastHeartbeat is { } beat ? JobStatusView.Time(beat) : null,
        worker.Metrics is { } metrics ? JsonDocument.Parse(metrics).RootElement.Clone() : null);
}

/// <summary>GET /api/workers.</summary>
internal sealed record WorkerListView(IReadOnlyList<WorkerStatusView> Workers);
