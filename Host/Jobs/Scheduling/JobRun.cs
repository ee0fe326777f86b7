using DistSys.Jobs.Operations;

namespace DistSys.Jobs.Scheduling;

/// <summary>
/// A job inside the scheduler. The task slots and plan exist only while the job is live; a
/// finished job keeps just its summary (its results are in the store).
/// </summary>
internal sealed class JobRun(long seq, string id, string name, string operation, int taskCount, int maxRetries, long createdAt)
{
    public long Seq { get; } = seq;

    public string Id { get; } = id;

    public string Name { get; } = name;

    public string Operation { get; } = operation;

    public int TaskCount { get; } = taskCount;

    public int MaxRetries { get; } = maxRetries;

    public long CreatedAt { get; } = createdAt;

    /// <summary>The job's task_timeout_ms: each attempt's lease deadline after its claim.</summary>
    public int TaskTimeoutMs { get; set; } = JobConfig.DefaultTaskTimeoutMs;

    public JobStatus Status { get; set; }

    public long? StartedAt { get; set; }

    public long? FinishedAt { get; set; }

    public string? Error { get; set; }

    public int Done { get; set; }

    public int Running { get; set; }

    public int Retrying { get; set; }

    public int Attempts { get; set; }

    /// <summary>Every task completed; shown as completed once that is durable.</summary>
    public bool Finishing { get; set; }

    public JobPlan? Plan { get; set; }

    public TaskSlot[]? Tasks { get; set; }

    public bool IsLive => Tasks is not null && !Status.IsTerminal() && !Finishing;

    public JobView View() =>
        new(Id, Name, Operation, Status, TaskCount, Done, Running, Retrying, Attempts, CreatedAt, StartedAt, FinishedAt, Error);

    /// <summary>Drops the per-task state of a job that has ended.</summary>
    public void Release()
    {
        Tasks = null;
        Plan = null;
        Running = 0;
        Retrying = 0;
    }

    public TaskInput TaskFor(int index, int attempt) => Plan!.TaskFor(Id, index, attempt);
}
