namespace DistSys.Jobs.Storage;

/// <summary>A task's row state in the store (the scheduler's own <c>TaskState</c> has more, in-memory only).</summary>
internal enum StoredTaskState
{
    Pending,
    Running,
    Completed,
    Cancelled,
}

/// <summary>How one attempt ended, as the attempts table records it.</summary>
internal enum AttemptOutcome
{
    Completed,
    Failed,
    Timeout,
    Lost,
    Cancelled,
}

/// <summary>The spellings in the database (stable: the schema and old stores hold them).</summary>
internal static class StoreStateNames
{
    public static string Name(this StoredTaskState state) => state switch
    {
        StoredTaskState.Pending => "pending",
        StoredTaskState.Running => "running",
        StoredTaskState.Completed => "completed",
        _ => "cancelled",
    };

    public static string Name(this AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Completed => "completed",
        AttemptOutcome.Failed => "failed",
        AttemptOutcome.Timeout => "timeout",
        AttemptOutcome.Lost => "lost",
        _ => "cancelled",
    };
}
