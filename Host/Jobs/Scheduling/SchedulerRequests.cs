namespace DistSys.Jobs.Scheduling;

/// <summary>Submit a validated job; the reply (the job's view) comes once the job is durable.</summary>
internal sealed record SubmitJob(string Name, JobConfig Config);

/// <summary>
/// Submit a validated job under an idempotency key; reply: a <see cref="KeyedSubmit"/> once the job is
/// durable — a new job, the job an earlier submit with this key and body made, or none (another body).
/// </summary>
internal sealed record SubmitKeyedJob(string Name, JobConfig Config, Storage.IdempotencyKey Key);

/// <summary>The answer to <see cref="SubmitKeyedJob"/>: the job (null: the key was used with another body) and whether it already existed.</summary>
internal sealed record KeyedSubmit(JobView? Job, bool Repeat);

/// <summary>Reply: the job's view, or null if unknown.</summary>
internal sealed record GetJob(string Id);

/// <summary>Reply: a <see cref="JobPage"/>, newest first, optionally only jobs in <see cref="Status"/>.</summary>
internal sealed record ListJobs(int Offset, int Limit, JobStatus? Status);

/// <summary>Reply: the job's view after the request (unchanged if it had already ended), or null if unknown.</summary>
internal sealed record CancelJob(string Id);

/// <summary>Reply: a <see cref="RetryAnswer"/>, or null if unknown.</summary>
internal sealed record RetryJob(string Id);

/// <summary>The job's view; <see cref="Retried"/> false when it was not failed or cancelled (so nothing changed).</summary>
internal sealed record RetryAnswer(JobView Job, bool Retried);

/// <summary>Reply: every known worker's view.</summary>
internal sealed record ListWorkers;

/// <summary>A worker registered over REST (the master has dialled it); reply: its view.</summary>
internal sealed record RegisterWorker(string Id, string Address, int MaxTasks);

/// <summary>A heartbeat over REST; reply: the worker's view, or null if unknown.</summary>
internal sealed record WorkerHeartbeat(string Id, string Status, int ActiveTasks, string? Metrics, long Timestamp);

/// <summary>The scheduler's own timers.</summary>
internal enum SchedulerTick
{
    Leases,
    Retries,
    Deadlines,
    Adoption,
}
