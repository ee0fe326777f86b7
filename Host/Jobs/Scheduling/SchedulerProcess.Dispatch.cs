using DistSys.Jobs.Messages;
using DistSys.Jobs.Storage;
using DistSys.Runtime;

namespace DistSys.Jobs.Scheduling;

/// <summary>Handing out tasks: round-robin over the workers that have room, least loaded first.</summary>
internal sealed partial class SchedulerProcess
{
    private void Pump(ProcessContext context)
    {
        var now = Monotonic;
        while (_queue.Count > 0)
        {
            var key = _queue.Peek();
            if (!key.Job.IsLive || key.Job.Tasks![key.Index].State != TaskState.Pending)
            {
                _queue.Dequeue();
                continue;
            }

            if (PickWorker() is not { } worker)
            {
                break;
            }

            _queue.Dequeue();
            Claim(key, worker, now);
        }

        foreach (var worker in _ring)
        {
            if (worker.Outbox.Count > 0)
            {
                context.Send(worker.Executor, new AssignTasks([.. worker.Outbox]));
                worker.Outbox.Clear();
            }
        }
    }

    /// <summary>
    /// Round-robin with load awareness: starting after the last worker served, the first worker
    /// with the lowest load ratio (leases / max_tasks) wins; full and silent workers are skipped.
    /// </summary>
    private WorkerSlot? PickWorker()
    {
        WorkerSlot? best = null;
        var bestLoad = double.MaxValue;
        var bestAt = 0;
        for (var step = 0; step < _ring.Count; step++)
        {
            var at = (_cursor + step) % _ring.Count;
            var worker = _ring[at];
            if (!worker.CanRun)
            {
                continue;
            }

            var load = (double)worker.Leases.Count / worker.MaxTasks;
            if (load < bestLoad)
            {
                (best, bestLoad, bestAt) = (worker, load, at);
                if (load == 0)
                {
                    break;
                }
            }
        }

        if (best is not null)
        {
            _cursor = (bestAt + 1) % _ring.Count;
        }

        return best;
    }

    private void Claim(TaskKey key, WorkerSlot worker, long monotonic)
    {
        var job = key.Job;
        ref var slot = ref job.Tasks![key.Index];
        slot.State = TaskState.Running;
        slot.Attempts++;
        slot.Worker = worker;
        job.Running++;
        job.Attempts++;
        worker.Leases.Add(key);
        var now = Now;
        slot.ClaimedAt = now;
        if (job.Status == JobStatus.Pending)
        {
            job.Status = JobStatus.Running;
            job.StartedAt = now;
            _batch.Add(new SetJobStatus(job.Id, JobStatus.Running, now));
        }

        _batch.Add(new ClaimTask(job.Id, key.Index, slot.Attempts, worker.Id, now, now + job.TaskTimeoutMs));
        var task = job.TaskFor(key.Index, slot.Attempts);
        worker.Outbox.Add(task.Slice is null ? task : task with { InputServer = _inputs });
        AddDeadline(key, slot.Attempts, monotonic);
    }

    /// <summary>Takes a running task's lease from its worker; it is pending until the caller decides more.</summary>
    private static void DropLease(TaskKey key, ref TaskSlot slot)
    {
        slot.State = TaskState.Pending;
        slot.Worker?.Leases.Remove(key);
        slot.Worker = null;
        key.Job.Running--;
    }
}
