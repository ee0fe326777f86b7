namespace DistSys.Jobs.Scheduling;

internal enum TaskState : byte
{
    Pending,
    Waiting,
    Running,
    Completed,
}

/// <summary>One task of a running job, as the scheduler tracks it: its state, attempts so far, and its lease holder.</summary>
internal struct TaskSlot
{
    public TaskState State;

    /// <summary>The current attempt's deadline has started (it is in the heap); packed beside <see cref="State"/>, so it costs no space.</summary>
    public bool Started;

    /// <summary>
    /// Attempts lost through no fault of the task (its worker went down, or its map output did): they do not use
    /// the job's retry budget, only <see cref="SchedulerProcess.LostAttemptLimit"/>. Packed beside <see cref="Started"/>.
    /// </summary>
    public short Lost;

    public int Attempts;
    public WorkerSlot? Worker;

    /// <summary>Wall-clock milliseconds of the current attempt's claim (the attempt row's start).</summary>
    public long ClaimedAt;
}

/// <summary>Names one task of one job in the scheduler's queues and a worker's lease set.</summary>
internal readonly record struct TaskKey(JobRun Job, int Index);

/// <summary>
/// Tasks <see cref="Next"/> to <see cref="End"/> − 1 of one job, waiting in the scheduler's queue in
/// that order: a job's million tasks are one entry, not a million (a task put back alone is a range
/// of one), so the queue costs nothing per task.
/// </summary>
internal sealed class PendingTasks(JobRun job, int start, int end)
{
    public JobRun Job { get; } = job;

    public int Next { get; set; } = start;

    public int End { get; } = end;
}
