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

    /// <summary>
    /// Attempts a task had before the job was last retried (0 if never): each task may run up to
    /// <see cref="AttemptLimit"/> attempts, so a retry gives every unfinished task a fresh budget while
    /// attempt numbers keep growing (they fence late results from before the retry).
    /// </summary>
    public int AttemptBase { get; set; }

    public int AttemptLimit => AttemptBase + 1 + MaxRetries;

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

    /// <summary>The job's span while it runs, when tracing is on (JobsTracing); null otherwise.</summary>
    public System.Diagnostics.Activity? Trace { get; set; }

    public TaskSlot[]? Tasks { get; set; }

    /// <summary>How many of <see cref="Tasks"/> are map tasks; the rest (if the job shuffles) are reduce tasks.</summary>
    public int MapCount { get; set; } = taskCount;

    /// <summary>True when the job's keyed results go to reduce tasks (tasks from <see cref="MapCount"/> on).</summary>
    public bool Shuffles => MapCount < TaskCount;

    /// <summary>Where each completed map task's output is (null while it is not completed).</summary>
    public Messages.ShuffleSource?[]? MapOutputs { get; set; }

    /// <summary>Completed map tasks; reduce tasks are handed out only when all are.</summary>
    public int MapsDone { get; set; }

    /// <summary>The scheduler's shuffle-server version when this job's map outputs were last checked against the live servers.</summary>
    public long ServersChecked { get; set; } = -1;

    /// <summary>Reduce tasks waiting for the map tasks (all of them, or the ones re-run after a loss).</summary>
    public List<int> WaitingReduces { get; } = [];

    public bool IsLive => Tasks is not null && !Status.IsTerminal() && !Finishing;

    public JobView View() =>
        new(Id, Name, Operation, Status, TaskCount, Done, Running, Retrying, Attempts, CreatedAt, StartedAt, FinishedAt, Error);

    /// <summary>Drops the per-task state of a job that has ended.</summary>
    public void Release()
    {
        Tasks = null;
        Plan = null;
        MapOutputs = null;
        WaitingReduces.Clear();
        Running = 0;
        Retrying = 0;
    }

    public TaskInput TaskFor(int index, int attempt)
    {
        var task = Plan!.TaskFor(Id, index, attempt);
        return index < MapCount ? task : task with { Shuffle = [.. MapOutputs!.Select(o => o!)] };
    }
}
