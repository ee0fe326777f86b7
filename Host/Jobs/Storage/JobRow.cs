namespace DistSys.Jobs.Storage;

/// <summary>A job as stored, for recovery after a restart.</summary>
internal sealed record JobRow(
    long Seq, string Id, string Name, string Type, string Operation, string Config, string State, int TaskCount,
    int DoneCount, int MaxRetries, string? Error, long CreatedAt, long? StartedAt, long? FinishedAt, int AttemptBase);

/// <summary>
/// A submit's <c>Idempotency-Key</c> header and the SHA-256 (hex) of its body: a repeat of the key with
/// the same body is the same job; with another body it is refused (docs/api.md).
/// </summary>
internal sealed record IdempotencyKey(string Key, string RequestSha256);

/// <summary>A task's stored state: what recovery needs to continue a job where it was.</summary>
internal readonly record struct TaskRow(int Index, string State, int Attempts);

/// <summary>A task recorded as running: the worker holding its lease and when it claimed it.</summary>
internal readonly record struct LeaseRow(int Index, string WorkerId, long ClaimedAt);

/// <summary>A worker as stored: who it was, for the listing after a restart (its executor re-registers by itself).</summary>
internal sealed record WorkerRow(string Id, string? Address, int MaxTasks, long RegisteredAt, long? LastHeartbeat, string? Metrics);
