namespace DistSys.Host.Jobs.Storage;

internal enum StoreOpKind
{
    /// <summary>A new job row: Text name, Worker operation, State config JSON, Index task_count, Attempt max_retries, Extra seq.</summary>
    InsertJob,

    /// <summary>Claim a pending task for Worker as Attempt, lease until Extra.</summary>
    Claim,

    /// <summary>Complete the task's Attempt by Worker with the result Text (counted once, only from the lease holder).</summary>
    Complete,

    /// <summary>End the task's running Attempt with outcome Text2, moving the task to State (pending, failed or cancelled).</summary>
    Release,

    /// <summary>The job's State and error Text.</summary>
    JobState,

    /// <summary>A worker's row: Worker id, Text address, Index max_tasks, Attempt active tasks, State status, Text2 metrics.</summary>
    Worker,
}

/// <summary>One write for the store, applied in order within its batch's transaction.</summary>
internal readonly record struct StoreOp(
    StoreOpKind Kind,
    string JobId,
    int Index = 0,
    int Attempt = 0,
    string? Worker = null,
    string? Text = null,
    string? Text2 = null,
    string? State = null,
    long Time = 0,
    long Extra = 0);
