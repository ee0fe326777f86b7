namespace DistSys.Jobs;

/// <summary>A job as the API shows it: a snapshot taken inside the scheduler. Times are Unix milliseconds.</summary>
internal sealed record JobView(
    string Id,
    string Name,
    string Operation,
    JobStatus Status,
    int Total,
    int Done,
    int Running,
    int Retrying,
    int Attempts,
    long CreatedAt,
    long? StartedAt,
    long? FinishedAt,
    string? Error);

/// <summary>One page of jobs, newest first, and how many there are in all.</summary>
internal sealed record JobPage(IReadOnlyList<JobView> Jobs, int Total, int Offset, int Limit);

/// <summary>A worker as the scheduler knows it. Times are Unix milliseconds.</summary>
internal sealed record WorkerView(
    string Id,
    string? Address,
    string Status,
    int MaxTasks,
    int ActiveTasks,
    long Completed,
    long Failed,
    long RegisteredAt,
    long? LastHeartbeat,
    string? Metrics);
