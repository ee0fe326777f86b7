using DistSys.Jobs.Messages;
using DistSys.Jobs.Storage;
using DistSys.Runtime;

namespace DistSys.Jobs.Scheduling;

/// <summary>Handing out tasks: round-robin over the workers that have room, least loaded first.</summary>
internal sealed partial class SchedulerProcess
{
    /// <summary>
    /// The most store writes that may wait for the writer while it commits the batch before: past it no
    /// task is handed out until that batch is durable, so a store slower than the workers slows the
    /// job rather than growing the master's memory by every result it has not yet written.
    /// </summary>
    private const int MaxWaitingWrites = 32_768;

    private void Pump(ProcessContext context)
    {
        var now = Monotonic;
        while (_queue.Count > 0 && (!_writerBusy || _batch.Count < MaxWaitingWrites))
        {
            var pending = _queue.Peek();
            if (pending.Next >= pending.End || !pending.Job.IsLive)
            {
                _queue.Dequeue();
                continue;
            }

            var key = new TaskKey(pending.Job, pending.Next);
            if (key.Job.Tasks![key.Index].State != TaskState.Pending)
            {
                pending.Next++;
                continue;
            }

            if (key.Index >= key.Job.MapCount && (key.Job.MapsDone < key.Job.MapCount || ReopenUnservedMaps(key.Job) > 0))
            {
                // A reduce task whose inputs are not all there (a map task runs again): it waits for them.
                pending.Next++;
                key.Job.WaitingReduces.Add(key.Index);
                continue;
            }

            if (PickWorker() is not { } worker)
            {
                break;
            }

            pending.Next++;
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

    private void Enqueue(TaskKey key) => _queue.Enqueue(new PendingTasks(key.Job, key.Index, key.Index + 1));

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

    /// <summary>
    /// Before a reduce task is handed out: a map output whose shuffle server is no live worker's (its
    /// worker died, or the master restarted and that worker has not come back as it was) cannot be
    /// fetched, so its map task runs again now rather than after a reducer's failed fetch.
    /// </summary>
    private int ReopenUnservedMaps(JobRun job)
    {
        var live = _ring.Where(IsLive).Select(w => w.ShuffleServer).ToHashSet();
        if (job.ServersChecked == _servers || live.Count == 0)
        {
            // Nothing changed since the last check, or no worker is back yet (nothing can run anyway).
            return 0;
        }

        job.ServersChecked = _servers;
        var reopened = 0;
        for (var i = 0; i < job.MapCount; i++)
        {
            if (job.MapOutputs![i] is { } output && !live.Contains(output.Server))
            {
                ReopenMap(job, i);
                reopened++;
            }
        }

        return reopened;
    }

    /// <summary>A completed map task whose output is lost runs again; the job's reduce tasks wait for it.</summary>
    private void ReopenMap(JobRun job, int map)
    {
        ref var slot = ref job.Tasks![map];
        if (slot.State != TaskState.Completed)
        {
            return;
        }

        slot.State = TaskState.Pending;
        slot.Lost++; // its completed attempt is lost with the output: the re-run is not a retry
        job.Done--;
        job.MapsDone--;
        job.MapOutputs![map] = null;
        _batch.Add(new ReopenTask(job.Id, map));
        Enqueue(new TaskKey(job, map));
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
        slot.Started = !options.Operations.TryGet(job.Operation, out var operation) || task.PlacementBy(operation) == Operations.TaskPlacement.Inline;
        if (slot.Started)
        {
            AddDeadline(key, slot.Attempts, monotonic);
        }
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
