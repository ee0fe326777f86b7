using DistSys.Jobs.Messages;
using DistSys.Jobs.Storage;
using DistSys.Runtime;

namespace DistSys.Jobs.Scheduling;

/// <summary>
/// Per-attempt lease deadlines (the job's task_timeout_ms), from the claim — or, for a task its
/// worker runs on the thread pool, from when it had a CPU slot there (<see cref="TaskStarted"/>):
/// time spent queued behind other tasks on a live worker is not the task's. Each attempt adds one
/// entry to a heap ordered by deadline; one timer is armed for the earliest entry only. Entries of attempts
/// that already ended are not searched for: they leave the heap when they reach its head, which
/// happens after every turn, so the heap holds about as many entries as there are running tasks.
/// </summary>
internal sealed partial class SchedulerProcess
{
    private readonly PriorityQueue<LeaseDeadline, long> _deadlines = new();
    private long _deadlineArmedFor = long.MaxValue;

    private void AddDeadline(TaskKey key, int attempt, long now) =>
        _deadlines.Enqueue(new LeaseDeadline(key, attempt), now + key.Job.TaskTimeoutMs);

    /// <summary>A pool task took its CPU slot: its deadline starts now (once, and only for the attempt the worker holds).</summary>
    private void OnStarted(TaskStarted started)
    {
        if (_jobs.TryGetValue(started.JobId, out var job) && job.IsLive && (uint)started.Index < (uint)job.TaskCount)
        {
            ref var slot = ref job.Tasks![started.Index];
            if (slot.State == TaskState.Running && slot.Attempts == started.Attempt && slot.Worker?.Executor == started.Executor && !slot.Started)
            {
                slot.Started = true;
                AddDeadline(new TaskKey(job, started.Index), started.Attempt, Monotonic);
            }
        }
    }

    /// <summary>Drops ended attempts from the heap's head and keeps the timer armed for the earliest live deadline.</summary>
    private void ArmDeadline(ProcessContext context)
    {
        while (_deadlines.TryPeek(out var head, out var due))
        {
            if (IsRunning(head))
            {
                if (due < _deadlineArmedFor)
                {
                    _deadlineArmedFor = due;
                    context.SendAfter(SchedulerTick.Deadlines, TimeSpan.FromMilliseconds(Math.Max(0, due - Monotonic)));
                }

                return;
            }

            _deadlines.Dequeue();
        }
    }

    private void ExpireDeadlines(ProcessContext context)
    {
        _deadlineArmedFor = long.MaxValue;
        var now = Monotonic;
        while (_deadlines.TryPeek(out var head, out var due) && (due <= now || !IsRunning(head)))
        {
            _deadlines.Dequeue();
            if (IsRunning(head))
            {
                TimeOut(context, head.Key);
            }
        }
    }

    /// <summary>
    /// The attempt overran its deadline on a worker that may well be alive: its lease is revoked,
    /// the executor told to cancel it, and it counts as a failed attempt (retried with backoff).
    /// </summary>
    private void TimeOut(ProcessContext context, TaskKey key)
    {
        var job = key.Job;
        ref var slot = ref job.Tasks![key.Index];
        var worker = slot.Worker!;
        if (!worker.Executor.IsNone)
        {
            context.Send(worker.Executor, new CancelTask(job.Id, key.Index, slot.Attempts));
        }

        var error = $"timed out after {job.TaskTimeoutMs} ms, attempt {slot.Attempts} of {job.AttemptLimit}";
        worker.Failed++;
        JobsLog.AttemptFailed(options.Logger, job.Id, key.Index, slot.Attempts, worker.Id, error);
        JobsMetrics.AttemptEnded(job, key.Index, slot, "timeout", Now);
        JobsMetrics.LeasesExpired(1);
        _batch.Add(new ReleaseTask(job.Id, key.Index, slot.Attempts, worker.Id, AttemptOutcome.Timeout, error, StoredTaskState.Pending, Now, slot.ClaimedAt));
        DropLease(key, ref slot);
        RetryOrFail(context, key, ref slot, error, backoff: true, "timeout");
    }

    private static bool IsRunning(LeaseDeadline deadline)
    {
        var job = deadline.Key.Job;
        if (!job.IsLive)
        {
            return false;
        }

        ref var slot = ref job.Tasks![deadline.Key.Index];
        return slot.State == TaskState.Running && slot.Attempts == deadline.Attempt;
    }

    /// <summary>One attempt's entry in the deadline heap.</summary>
    private readonly record struct LeaseDeadline(TaskKey Key, int Attempt);
}
