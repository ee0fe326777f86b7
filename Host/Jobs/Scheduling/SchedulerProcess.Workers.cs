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
        PersistWorker(worker);
        JobsLog.WorkerJoined(options.Logger, worker.Id, worker.MaxTasks);
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

    /// <summary>Takes every lease from <paramref name="worker"/> and re-queues the tasks (each attempt counted lost, not failed).</summary>
    private void RevokeAll(ProcessContext context, WorkerSlot worker, string reason, bool cancel)
    {
        if (worker.Leases.Count > 0)
        {
            JobsLog.LeasesRevoked(options.Logger, reason, worker.Leases.Count);
        }

        var now = Now;
        foreach (var key in worker.Leases.ToArray())
        {
            if (!key.Job.IsLive)
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
