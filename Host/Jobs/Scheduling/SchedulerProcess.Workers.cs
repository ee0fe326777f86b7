using DistSys.Jobs.Messages;
using DistSys.Jobs.Storage;
using DistSys.Runtime;

namespace DistSys.Jobs.Scheduling;

/// <summary>Executors joining, reporting load, dying or going silent; leases follow them.</summary>
internal sealed partial class SchedulerProcess
{
    private void OnHello(ProcessContext context, ExecutorHello hello)
    {
        Pid executor = hello.Executor;
        var worker = WorkerFor(hello.Node);
        if (worker.Executor == executor)
        {
            return;
        }

        if (!worker.Executor.IsNone)
        {
            // A restarted executor (or node) replaces the old one: whatever the old one held is lost.
            context.Demonitor(worker.Monitor);
            _byExecutor.Remove(worker.Executor);
            RevokeAll(context, worker, $"worker {worker.Id} restarted its executor", cancel: true);
        }

        worker.Executor = executor;
        worker.ShuffleServer = hello.ShuffleServer;
        _servers++;
        worker.Monitor = context.Monitor(executor);
        worker.MaxTasks = worker.RegisteredMaxTasks ?? Math.Max(1, hello.MaxTasks);
        worker.Unresponsive = false;
        worker.LastSeen = Monotonic;
        worker.LastHeartbeat = Now;
        _byExecutor[executor] = worker;
        Reclaim(context, worker, hello.Held);
        PersistWorker(worker);
        JobsLog.WorkerJoined(options.Logger, worker.Id, worker.MaxTasks);
    }

    /// <summary>
    /// A worker back after a takeover (docs/ha.md): the leases the store recorded for it that its executor
    /// still holds stay, under the same attempt, and their deadlines start now; an attempt it holds that
    /// this scheduler does not lease to it is cancelled; a lease it no longer holds is lost (the task runs again).
    /// </summary>
    private void Reclaim(ProcessContext context, WorkerSlot worker, HeldTask[] held)
    {
        var kept = new HashSet<TaskKey>();
        var now = Monotonic;
        foreach (var task in held)
        {
            if (_jobs.TryGetValue(task.JobId, out var job) && job.IsLive && (uint)task.Index < (uint)job.TaskCount
                && job.Tasks![task.Index] is { State: TaskState.Running } slot && slot.Worker == worker && slot.Attempts == task.Attempt)
            {
                var key = new TaskKey(job, task.Index);
                kept.Add(key);
                if (!slot.Started)
                {
                    job.Tasks[task.Index].Started = true;
                    AddDeadline(key, task.Attempt, now);
                }
            }
            else
            {
                context.Send(worker.Executor, new CancelTask(task.JobId, task.Index, task.Attempt));
            }
        }

        if (kept.Count > 0)
        {
            JobsLog.LeasesReclaimed(options.Logger, worker.Id, kept.Count);
        }

        RevokeAll(context, worker, $"worker {worker.Id} no longer runs it", cancel: false, kept);
    }

    /// <summary>The adoption window closed: the recorded leases no worker claimed back are lost, so their tasks run again.</summary>
    private void ReleaseUnclaimed(ProcessContext context)
    {
        foreach (var worker in _ring)
        {
            if (worker.Executor.IsNone && worker.Leases.Count > 0)
            {
                RevokeAll(context, worker, $"worker {worker.Id} did not claim its tasks back within {options.AdoptWindow.TotalSeconds:0.#} s of the takeover", cancel: false);
                PersistWorker(worker);
            }
        }
    }

    private void OnLoad(ExecutorLoad load)
    {
        if (_byExecutor.TryGetValue(load.Executor, out var worker))
        {
            worker.LastSeen = Monotonic;
            worker.LastHeartbeat = Now;
            worker.Unresponsive = false;
        }
    }

    private void OnDown(ProcessContext context, Down down)
    {
        if (!_byExecutor.TryGetValue(down.Pid, out var worker) || worker.Monitor != down.Ref)
        {
            return;
        }

        _byExecutor.Remove(down.Pid);
        worker.Executor = Pid.None;
        _servers++;
        RevokeAll(context, worker, $"worker {worker.Id} down ({down.Reason})", cancel: false);
        PersistWorker(worker);
    }

    private void ExpireLeases(ProcessContext context)
    {
        var now = Monotonic;
        foreach (var worker in _ring)
        {
            if (!worker.Executor.IsNone && !worker.Unresponsive && now - worker.LastSeen > options.LeaseTimeout.TotalMilliseconds)
            {
                worker.Unresponsive = true;
                JobsMetrics.LeasesExpired(worker.Leases.Count);
                RevokeAll(context, worker, $"lease expired: worker {worker.Id} silent for over {options.LeaseTimeout.TotalSeconds:0.#} s", cancel: true);
                PersistWorker(worker);
            }
        }
    }

    /// <summary>Takes every lease but <paramref name="keep"/> from <paramref name="worker"/> and re-queues the tasks (each attempt counted lost, not failed).</summary>
    private void RevokeAll(ProcessContext context, WorkerSlot worker, string reason, bool cancel, HashSet<TaskKey>? keep = null)
    {
        var revoked = worker.Leases.Count - (keep?.Count ?? 0);
        if (revoked > 0)
        {
            JobsLog.LeasesRevoked(options.Logger, reason, revoked);
        }

        var now = Now;
        foreach (var key in worker.Leases.ToArray())
        {
            if (!key.Job.IsLive || keep?.Contains(key) == true)
            {
                continue;
            }

            ref var slot = ref key.Job.Tasks![key.Index];
            if (slot.State != TaskState.Running || slot.Worker != worker)
            {
                continue;
            }

            if (cancel && !worker.Executor.IsNone)
            {
                context.Send(worker.Executor, new CancelTask(key.Job.Id, key.Index, slot.Attempts));
            }

            JobsMetrics.AttemptEnded(key.Job, key.Index, slot, "lost", now);
            _batch.Add(new ReleaseTask(key.Job.Id, key.Index, slot.Attempts, worker.Id, AttemptOutcome.Lost, reason, StoredTaskState.Pending, now, slot.ClaimedAt));
            DropLease(key, ref slot);
            slot.Lost++;
            RetryOrFail(context, key, ref slot, reason, backoff: false, "lost");
        }
    }

    private WorkerSlot WorkerFor(string id)
    {
        if (!_workers.TryGetValue(id, out var worker))
        {
            worker = new WorkerSlot(id, Now) { MaxTasks = options.MaxTasks };
            _workers[id] = worker;
            _ring.Add(worker);
        }

        return worker;
    }

    /// <summary>The jobs and workers gauges (docs/metrics.md), recounted on the lease tick: O(jobs + workers) four times a second.</summary>
    private void PublishGauges()
    {
        var jobs = new long[Enum.GetValues<JobStatus>().Length];
        foreach (var job in _jobOrder)
        {
            jobs[(int)job.Status]++;
        }

        gauges.Publish(jobs, _ring.Select(worker => worker.Status));
    }

    private void PersistWorker(WorkerSlot worker) =>
        _batch.Add(new UpsertWorker(worker.Id, worker.Address, worker.MaxTasks, worker.Leases.Count, worker.Status, worker.Metrics, Now));
}
