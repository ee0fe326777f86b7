namespace DistSys.Host.Jobs.Storage;

internal enum StoreOpKind
{
    /// <summary>A new job row: Text name, Worker operation, State config JSON, Index task_count, Attempt max_retries, Extra seq.</summary>
    InsertJob,

    /// <summary>Claim a pending task for Worker as Attempt at Time, lease until Extra.</summary>
    Claim,

    /// <summary>Complete the task's Attempt (claimed at Extra) by Worker with the result Text: counted once, only from the lease holder.</summary>
    Complete,

    /// <summary>
    /// A claim and its completion in the same batch, written as one guarded statement instead of two
    /// (a trivial task usually finishes before its claim is committed); same fields as Complete.
    /// </summary>
    ClaimAndComplete,

    /// <summary>End the task's running Attempt (claimed at Extra) with outcome Text2 and error Text, moving the task to State.</summary>
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
