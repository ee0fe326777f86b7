using DistSys.Jobs.Messages;
using DistSys.Jobs.Shuffle;
using DistSys.Jobs.Storage;
using DistSys.Runtime;

namespace DistSys.Jobs.Scheduling;

/// <summary>Results and failures: accepted only from the lease holder; failures retry with backoff until the job's budget is spent.</summary>
internal sealed partial class SchedulerProcess
{
    /// <summary>The largest result a task may leave in a file for the scheduler to fetch (a string holds at most about 1 G characters).</summary>
    private const long MaxStoredResultBytes = 512L << 20;

    private void OnTaskFinished(ProcessContext context, Pid executor, TaskOutcome finished)
    {
        if (!_jobs.TryGetValue(finished.JobId, out var job) || !_byExecutor.TryGetValue(executor, out var worker)
            || !job.IsLive || (uint)finished.Index >= (uint)job.TaskCount)
        {
            // Unknown or finished job, or an executor the scheduler does not know: nobody wants this result.
            return;
        }

        ref var slot = ref job.Tasks![finished.Index];
        if (slot.State != TaskState.Running || slot.Worker != worker || slot.Attempts != finished.Attempt)
        {
            // Its lease was revoked (expiry, or its worker was declared down) or it already completed.
            return;
        }

        if (finished.Ok && finished.StoredBytes != 0)
        {
            // The lease stays while the result is fetched: a worker that dies meanwhile loses the attempt as usual.
            FetchStoredResult(context, executor, worker, finished);
            return;
        }

        var key = new TaskKey(job, finished.Index);
        DropLease(key, ref slot);
        var now = Now;
        if (!finished.Ok && finished.LostMaps is { Length: > 0 } lostMaps && job.Shuffles && key.Index >= job.MapCount)
        {
            OnMapOutputsLost(context, key, ref slot, worker, lostMaps, finished.Output, now);
            return;
        }

        if (!finished.Ok)
        {
            worker.Failed++;
            JobsLog.AttemptFailed(options.Logger, job.Id, key.Index, slot.Attempts, worker.Id, finished.Output);
            JobsMetrics.AttemptEnded(job, key.Index, slot, "failed", now);
            _batch.Add(new ReleaseTask(job.Id, key.Index, slot.Attempts, worker.Id, AttemptOutcome.Failed, finished.Output,
                StoredTaskState.Pending, now, slot.ClaimedAt));
            RetryOrFail(context, key, ref slot, finished.Output, backoff: true, "failed");
            return;
        }

        worker.Completed++;
        JobsMetrics.AttemptCompleted(job, key.Index, slot, now);
        slot.State = TaskState.Completed;
        job.Done++;
        var isMap = job.Shuffles && key.Index < job.MapCount;
        _batch.Add(new CompleteTask(job.Id, key.Index, slot.Attempts, worker.Id, finished.Output, now, slot.ClaimedAt)
        {
            MapOutput = isMap ? worker.ShuffleServer : null,
        });
        if (isMap)
        {
            job.MapOutputs![key.Index] = new ShuffleSource(key.Index, slot.Attempts, worker.ShuffleServer);
            if (++job.MapsDone == job.MapCount)
            {
                ReleaseReduces(job);
            }
        }

        if (job.Done == job.TaskCount)
        {
            // Shown as completed only once the last result is durable (see OnPersisted).
            job.Finishing = true;
            job.FinishedAt = now;
            _batch.Add(new SetJobStatus(job.Id, JobStatus.Completed, now));
            _batch.AfterPersist.Add(job);
        }
    }

    /// <summary>
    /// Reads a result its worker kept in a file (too large for a message) from the worker's shuffle
    /// server, off the scheduler's turn, then hands it back as if it had come inline — or, when it could
    /// not be read, as the attempt's failure, which retries as any other.
    /// </summary>
    private static void FetchStoredResult(ProcessContext context, Pid executor, WorkerSlot worker, TaskOutcome finished)
    {
        var (runtime, self, server) = (context.Runtime, context.Self, worker.ShuffleServer);
        if (finished.StoredBytes is < 0 or > MaxStoredResultBytes || server.IsNone)
        {
            context.Send(self, new TasksFinished(executor, [Failed(finished,
                server.IsNone ? "its worker serves no stored results" : $"a result of {finished.StoredBytes} bytes; at most {MaxStoredResultBytes}")]));
            return;
        }

        _ = Task.Run(async () =>
        {
            TaskOutcome fetched;
            try
            {
                var bytes = await ShuffleFetch.ReadAllAsync(runtime, server,
                    position => new ReadOutput(finished.JobId, finished.Index, finished.Attempt, position, ReadInput.MaxChunkBytes),
                    finished.StoredBytes, CancellationToken.None).ConfigureAwait(false);
                fetched = finished with { Output = System.Text.Encoding.UTF8.GetString(bytes.Span), StoredBytes = 0 };
            }
            catch (Exception ex)
            {
                fetched = Failed(finished, $"its result could not be read from {worker.Id}: {ex.Message}");
            }

            runtime.Send(self, new TasksFinished(executor, [fetched]));
        });
    }

    private static TaskOutcome Failed(TaskOutcome finished, string error) => finished with { Ok = false, Output = error, StoredBytes = 0 };

    /// <summary>
    /// A reduce attempt found map outputs gone with their worker: those map tasks run again (the job's
    /// done count drops by them), and the reduce task waits for them. The attempt counts as lost, as
    /// one on a dead worker does.
    /// </summary>
    private void OnMapOutputsLost(ProcessContext context, TaskKey key, ref TaskSlot slot, WorkerSlot worker, int[] lostMaps, string error, long now)
    {
        var job = key.Job;
        JobsLog.AttemptFailed(options.Logger, job.Id, key.Index, slot.Attempts, worker.Id, error);
        JobsMetrics.AttemptEnded(job, key.Index, slot, "lost", now);
        _batch.Add(new ReleaseTask(job.Id, key.Index, slot.Attempts, worker.Id, AttemptOutcome.Lost, error, StoredTaskState.Pending, now, slot.ClaimedAt));
        foreach (var map in lostMaps.Where(m => (uint)m < (uint)job.MapCount).Distinct())
        {
            ReopenMap(job, map);
        }

        slot.Lost++;
        if (Exhausted(job, slot) is { } exhausted)
        {
            EndJob(context, job, JobStatus.Failed, $"task {key.Index} {exhausted}: {error}");
            return;
        }

        JobsMetrics.Retried("lost");
        slot.State = TaskState.Pending;
        job.WaitingReduces.Add(key.Index);
        if (job.MapsDone == job.MapCount)
        {
            ReleaseReduces(job);
        }
    }

    /// <summary>An ended job's map outputs are of no more use: every live worker deletes its share.</summary>
    private void DropShuffle(ProcessContext context, JobRun job)
    {
        if (!job.Shuffles)
        {
            return;
        }

        foreach (var worker in _ring.Where(IsLive))
        {
            context.Send(worker.Executor, new DropShuffle(job.Id));
        }
    }

    /// <summary>Every map output is there: the waiting reduce tasks join the queue.</summary>
    private void ReleaseReduces(JobRun job)
    {
        foreach (var reduce in job.WaitingReduces)
        {
            Enqueue(new TaskKey(job, reduce));
        }

        job.WaitingReduces.Clear();
    }

    /// <summary>
    /// After a failed or lost attempt: the task runs again (after a backoff for a failure, at once
    /// for a lost worker) unless it has failed 1 + max_retries times, or was lost
    /// <see cref="LostAttemptLimit"/> times; then it is a poison task and fails its job with the error.
    /// </summary>
    private void RetryOrFail(ProcessContext context, TaskKey key, ref TaskSlot slot, string error, bool backoff, string reason)
    {
        var job = key.Job;
        if (Exhausted(job, slot) is { } exhausted)
        {
            EndJob(context, job, JobStatus.Failed, $"task {key.Index} {exhausted}: {error}");
            return;
        }

        JobsMetrics.Retried(reason);

        if (!backoff)
        {
            slot.State = TaskState.Pending;
            Enqueue(key);
            return;
        }

        slot.State = TaskState.Waiting;
        job.Retrying++;
        var delay = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, slot.Attempts - 1);
        var due = Monotonic + (long)Math.Min(delay, options.RetryMaxDelay.TotalMilliseconds);
        _retries.Enqueue(key, due);
        ArmRetry(context, due);
    }

    /// <summary>
    /// A lost attempt (a worker down, a partition, map outputs gone) is not the task's failure, so, as Spark
    /// does with fetch failures, it does not use the job's max_retries; this many losses of one task still end
    /// it, so a task that brings its worker down every time cannot loop for ever.
    /// </summary>
    internal const int LostAttemptLimit = 20;

    /// <summary>Why <paramref name="slot"/> may not run again ("failed after N attempts", "lost N times"), or null while it may.</summary>
    private static string? Exhausted(JobRun job, in TaskSlot slot) =>
        slot.Attempts - slot.Lost >= job.AttemptLimit ? $"failed after {slot.Attempts} attempts"
        : slot.Lost >= LostAttemptLimit ? $"was lost {slot.Lost} times" : null;

    private void ArmRetry(ProcessContext context, long due)
    {
        if (due < _retryArmedFor)
        {
            _retryArmedFor = due;
            context.SendAfter(SchedulerTick.Retries, TimeSpan.FromMilliseconds(Math.Max(0, due - Monotonic)));
        }
    }

    private void ReleaseDueRetries(ProcessContext context)
    {
        var now = Monotonic;
        while (_retries.TryPeek(out var key, out var due))
        {
            if (due > now)
            {
                ArmRetry(context, due);
                return;
            }

            _retries.Dequeue();
            if (key.Job.IsLive && key.Job.Tasks![key.Index].State == TaskState.Waiting)
            {
                key.Job.Tasks[key.Index].State = TaskState.Pending;
                key.Job.Retrying--;
                Enqueue(key);
            }
        }
    }

    /// <summary>Ends a live job as failed or cancelled: its running attempts are told to stop and their leases dropped.</summary>
    private void EndJob(ProcessContext context, JobRun job, JobStatus status, string? error)
    {
        var now = Now;
        var tasks = job.Tasks!;
        for (var i = 0; i < tasks.Length; i++)
        {
            ref var slot = ref tasks[i];
            if (slot.State != TaskState.Running)
            {
                continue;
            }

            if (slot.Worker is { Executor.IsNone: false } worker)
            {
                context.Send(worker.Executor, new CancelTask(job.Id, i, slot.Attempts));
            }

            JobsMetrics.AttemptEnded(job, i, slot, "cancelled", now);
            _batch.Add(new ReleaseTask(job.Id, i, slot.Attempts, slot.Worker?.Id, AttemptOutcome.Cancelled, error, StoredTaskState.Cancelled, now, slot.ClaimedAt));
            DropLease(new TaskKey(job, i), ref slot);
        }

        job.Status = status;
        JobsTracing.EndJob(job.Trace, status);
        job.Error = error;
        job.FinishedAt = now;
        _batch.Add(new SetJobStatus(job.Id, status, now, error));
        DropShuffle(context, job);
        job.Release();
        JobsLog.JobEnded(options.Logger, job.Id, status.Name(), job.Done, job.TaskCount, job.Attempts, error is null ? "" : $": {error}");
    }
}
