using System.Text.Json;
using DistSys.Jobs.Messages;
using DistSys.Jobs.Storage;
using DistSys.Runtime;

namespace DistSys.Jobs.Scheduling;

/// <summary>
/// Persistence: group commit (one batch at the writer at a time; whatever gathers meanwhile goes
/// next, so batches grow with load) and recovery of every unfinished job after a restart.
/// </summary>
internal sealed partial class SchedulerProcess
{
    private void Flush(ProcessContext context)
    {
        if (_writerBusy || (_batch.Count == 0 && _batch.AfterPersist.Count == 0))
        {
            return;
        }

        context.Send(_writer, _batch);
        _batch = new StoreBatch();
        _writerBusy = true;
    }

    private void OnPersisted(ProcessContext context, StoreBatch batch)
    {
        _writerBusy = false;
        foreach (var item in batch.AfterPersist)
        {
            switch (item)
            {
                case PendingReply reply:
                    reply.Call.Reply(reply.Answer());
                    break;
                case PendingRetry retry:
                    Reload(retry.Job);
                    retry.Call.Reply(new RetryAnswer(retry.Job.View(), true));
                    break;
                case JobRun { Finishing: true } job:
                    job.Finishing = false;
                    job.Status = JobStatus.Completed;
                    JobsTracing.EndJob(job.Trace, JobStatus.Completed);
                    DropShuffle(context, job);
                    job.Release();
                    JobsLog.JobEnded(options.Logger, job.Id, "completed", job.Done, job.TaskCount, job.Attempts, "");
                    break;
            }
        }
    }

    private void Recover()
    {
        var now = Now;
        if (options.AdoptWindow <= TimeSpan.Zero)
        {
            store.ReleaseOrphanedLeases(now);
        }

        foreach (var row in store.LoadWorkers())
        {
            var worker = WorkerSlot.From(row);
            _workers[worker.Id] = worker;
            _ring.Add(worker);
        }

        var resumed = 0;
        var attempts = store.LoadAttemptCounts();
        foreach (var row in store.LoadJobs())
        {
            if (!JobStatusNames.TryParse(row.State, out var status))
            {
                throw new InvalidDataException($"job {row.Id} has an unknown state '{row.State}' in {store.Description}");
            }

            var job = new JobRun(row.Seq, row.Id, row.Name, row.Operation, row.TaskCount, row.MaxRetries, row.CreatedAt)
            {
                Status = status,
                StartedAt = row.StartedAt,
                FinishedAt = row.FinishedAt,
                Error = row.Error,
                Done = row.DoneCount,
                Attempts = attempts.GetValueOrDefault(row.Id),
                AttemptBase = row.AttemptBase,
            };
            _nextSeq = Math.Max(_nextSeq, row.Seq + 1);
            _jobs[job.Id] = job;
            _jobOrder.Add(job);
            if (!status.IsTerminal())
            {
                resumed++;
                Resume(job, row.Config, now);
            }
        }

        foreach (var (key, jobId) in store.LoadIdempotencyKeys())
        {
            if (_jobs.TryGetValue(jobId, out var job))
            {
                _byKey[key.Key] = (key, job);
            }
        }

        JobsLog.SchedulerStarted(options.Logger, _jobOrder.Count, resumed, _ring.Count);
    }

    /// <summary>A retried job, its reopening durable: the store has its tasks as its first run left them.</summary>
    private void Reload(JobRun job)
    {
        var row = store.LoadJob(job.Id) ?? throw new InvalidDataException($"job {job.Id} vanished from {store.Description}");
        job.AttemptBase = row.AttemptBase;
        job.Trace = JobsTracing.StartJob(job.Id, job.Name, job.Operation, job.TaskCount);
        Resume(job, row.Config, Now);
    }

    private void Resume(JobRun job, string configJson, long now)
    {
        using var document = JsonDocument.Parse(configJson);
        var (config, error) = JobConfigParser.Parse(document.RootElement, options.Operations, stored: true);
        if (config is not null && config.TotalTasks != job.TaskCount)
        {
            error = new ConfigError("task_count", $"the stored config plans {config.TotalTasks} tasks; the job has {job.TaskCount}");
            config = null;
        }

        if (config is null)
        {
            job.Status = JobStatus.Failed;
            job.Error = $"cannot resume after restart: {error}";
            job.FinishedAt = now;
            _batch.Add(new SetJobStatus(job.Id, JobStatus.Failed, now, job.Error));
            return;
        }

        job.Plan = new JobPlan(config);
        job.TaskTimeoutMs = config.TaskTimeoutMs;
        var tasks = job.Tasks = new TaskSlot[job.TaskCount];
        job.MapCount = config.TaskCount;
        if (job.Shuffles)
        {
            job.MapOutputs = new ShuffleSource?[job.MapCount];
            foreach (var (index, attempt, server) in store.LoadMapOutputs(job.Id))
            {
                job.MapOutputs[index] = new ShuffleSource(index, attempt, server);
            }
        }

        var done = 0;
        foreach (var row in store.LoadTasks(job.Id))
        {
            tasks[row.Index].Attempts = row.Attempts;
            if (row.State == StoredTaskState.Completed.Name())
            {
                tasks[row.Index].State = TaskState.Completed;
                done++;
            }
        }

        foreach (var lease in store.LoadLeases(job.Id))
        {
            // Kept for the worker to claim back (AdoptWindow); none is left after ReleaseOrphanedLeases.
            ref var slot = ref tasks[lease.Index];
            var worker = WorkerFor(lease.WorkerId);
            slot.State = TaskState.Running;
            slot.Worker = worker;
            slot.ClaimedAt = lease.ClaimedAt;
            worker.Leases.Add(new TaskKey(job, lease.Index));
            job.Running++;
        }

        for (var i = 0; job.Shuffles && i < job.MapCount; i++)
        {
            if (tasks[i].State == TaskState.Completed && job.MapOutputs![i] is null)
            {
                // Completed, but where its output is was never recorded: it runs again.
                tasks[i].State = TaskState.Pending;
                done--;
                _batch.Add(new ReopenTask(job.Id, i));
            }
        }

        job.MapsDone = job.Shuffles ? job.Tasks.Take(job.MapCount).Count(t => t.State == TaskState.Completed) : 0;
        job.Done = done;
        if (done == job.TaskCount)
        {
            job.Finishing = true;
            job.FinishedAt = now;
            _batch.Add(new SetJobStatus(job.Id, JobStatus.Completed, now));
            _batch.AfterPersist.Add(job);
            return;
        }

        // Pump skips what is not pending, so one range over every task queues whatever is.
        _queue.Enqueue(new PendingTasks(job, 0, tasks.Length));
    }
}
