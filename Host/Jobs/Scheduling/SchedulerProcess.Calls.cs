using DistSys.Jobs.Storage;
using DistSys.Runtime;

namespace DistSys.Jobs.Scheduling;

/// <summary>The API's requests (calls from the REST endpoints on the master).</summary>
internal sealed partial class SchedulerProcess
{
    private void OnCall(ProcessContext context, CallRequest call)
    {
        switch (call.Request)
        {
            case SubmitJob submit:
                var job = Submit(submit.Name, submit.Config, key: null);
                _batch.AfterPersist.Add(new PendingReply(call, () => job.View()));
                break;
            case SubmitKeyedJob keyed:
                SubmitKeyed(call, keyed);
                break;
            case GetJob get:
                call.Reply(_jobs.GetValueOrDefault(get.Id)?.View());
                break;
            case ListJobs list:
                call.Reply(Page(list));
                break;
            case CancelJob cancel:
                ReplyWhenDurable(call, Cancel(context, cancel.Id));
                break;
            case RetryJob retry:
                Retry(call, retry.Id);
                break;
            case ListWorkers:
                call.Reply(_ring.Select(w => w.View()).ToArray());
                break;
            case RegisterWorker register:
                ReplyWhenDurable(call, Register(register));
                break;
            case WorkerHeartbeat heartbeat:
                ReplyWhenDurable(call, Heartbeat(heartbeat));
                break;
            default:
                call.Reply(null);
                break;
        }
    }

    // A repeat's answer waits for a batch too: the job it names may still be in the batch being written.
    private void SubmitKeyed(CallRequest call, SubmitKeyedJob keyed)
    {
        if (_byKey.TryGetValue(keyed.Key.Key, out var known))
        {
            var same = known.Key.RequestSha256 == keyed.Key.RequestSha256;
            ReplyWhenDurable(call, () => new KeyedSubmit(same ? known.Job.View() : null, Repeat: true));
            return;
        }

        var job = Submit(keyed.Name, keyed.Config, keyed.Key);
        _byKey[keyed.Key.Key] = (keyed.Key, job);
        ReplyWhenDurable(call, () => new KeyedSubmit(job.View(), Repeat: false));
    }

    private JobRun Submit(string name, JobConfig config, IdempotencyKey? key)
    {
        if (options.Operations.TryGet(config.Operation, out var operation) && operation is Operations.IKeyedOperation && config.Reducers is null)
        {
            // The default: two reducers per live worker, so every core merges; fixed now, so a restart keeps it.
            config = config with { Reducers = Math.Clamp(2 * _ring.Count(IsLive), 1, JobConfig.MaxReducers) };
        }

        var seq = _nextSeq++;
        var job = new JobRun(seq, $"job-{seq}", name, config.Operation, config.TotalTasks, config.MaxRetries, Now)
        {
            Plan = new JobPlan(config),
            TaskTimeoutMs = config.TaskTimeoutMs,
            Tasks = new TaskSlot[config.TotalTasks],
            MapCount = config.TaskCount,
            Trace = JobsTracing.StartJob($"job-{seq}", name, config.Operation, config.TotalTasks),
        };
        job.MapOutputs = job.Shuffles ? new Messages.ShuffleSource?[job.MapCount] : null;
        job.WaitingReduces.AddRange(Enumerable.Range(job.MapCount, job.TaskCount - job.MapCount));
        _jobs[job.Id] = job;
        _jobOrder.Add(job);
        _batch.Add(new InsertJob(seq, job.Id, name, config.Operation, config.ToJson(), config.TotalTasks, config.MaxRetries, job.CreatedAt) { Key = key });
        JobsLog.JobSubmitted(options.Logger, job.Id, job.Name, job.Operation, job.TaskCount);
        _queue.Enqueue(new PendingTasks(job, 0, job.MapCount));
        return job;
    }

    // A write's answer waits for its batch, so what a client was told is what a restarted master loads.
    // The view is taken then too: it shows the state that was committed (and anything since).
    private void ReplyWhenDurable(CallRequest call, Func<object?>? answer)
    {
        if (answer is null)
        {
            call.Reply(null);
            return;
        }

        _batch.AfterPersist.Add(new PendingReply(call, answer));
    }

    private JobPage Page(ListJobs list)
    {
        IEnumerable<JobRun> newestFirst = Enumerable.Range(0, _jobOrder.Count).Select(i => _jobOrder[_jobOrder.Count - 1 - i]);
        if (list.Status is { } status)
        {
            newestFirst = newestFirst.Where(j => j.Status == status);
        }

        var all = newestFirst.ToList();
        return new JobPage([.. all.Skip(list.Offset).Take(list.Limit).Select(j => j.View())], all.Count, list.Offset, list.Limit);
    }

    private Func<object?>? Cancel(ProcessContext context, string id)
    {
        if (!_jobs.TryGetValue(id, out var job))
        {
            return null;
        }

        if (job.IsLive)
        {
            EndJob(context, job, JobStatus.Cancelled, null);
        }

        return () => job.View();
    }

    /// <summary>
    /// A failed or cancelled job runs again where it stopped: its completed tasks and their results stay,
    /// the rest run with a fresh budget of attempts. The job is pending at once (a second retry meanwhile
    /// is refused); it is reloaded from the store once the reopening is durable, so every write of its
    /// first run is there to read, and the answer comes then.
    /// </summary>
    private void Retry(CallRequest call, string id)
    {
        if (!_jobs.TryGetValue(id, out var job))
        {
            call.Reply(null);
            return;
        }

        if (job.Status is not (JobStatus.Failed or JobStatus.Cancelled))
        {
            call.Reply(new RetryAnswer(job.View(), false));
            return;
        }

        job.Status = JobStatus.Pending;
        job.Error = null;
        job.FinishedAt = null;
        _batch.Add(new ReopenJob(id));
        _batch.AfterPersist.Add(new PendingRetry(call, job));
        JobsLog.JobRetried(options.Logger, id, job.Done, job.TaskCount);
    }

    private Func<object?> Register(RegisterWorker register)
    {
        var worker = WorkerFor(register.Id);
        worker.Address = register.Address;

        // A connected executor advertises its own capacity: a REST call (anyone with the token) must
        // not shrink a live worker's share of the cluster. Before the executor says hello, or once it
        // is gone, the registered capacity is the seed's contract and applies at its next hello.
        if (!IsLive(worker))
        {
            worker.RegisteredMaxTasks = register.MaxTasks;
            worker.MaxTasks = register.MaxTasks;
        }
        else if (register.MaxTasks > worker.MaxTasks)
        {
            worker.RegisteredMaxTasks = worker.MaxTasks = register.MaxTasks;
        }

        PersistWorker(worker);
        return () => worker.View();
    }

    // The REST heartbeat carries what a worker reports about itself (status, metrics) for display;
    // lease liveness comes only from the executor's own cluster messages (OnLoad), so a stalled
    // executor loses its leases even while something keeps posting heartbeats on its behalf.
    private Func<object?>? Heartbeat(WorkerHeartbeat heartbeat)
    {
        if (!_workers.TryGetValue(heartbeat.Id, out var worker))
        {
            return null;
        }

        worker.ReportedStatus = heartbeat.Status;
        worker.Metrics = heartbeat.Metrics;
        worker.LastHeartbeat = heartbeat.Timestamp;
        PersistWorker(worker);
        return () => worker.View();
    }

    private static bool IsLive(WorkerSlot worker) => !worker.Executor.IsNone && !worker.Unresponsive;

    /// <summary>A write's answer (submit, cancel, register, heartbeat), given once its batch is durable.</summary>
    private sealed record PendingReply(CallRequest Call, Func<object?> Answer);

    /// <summary>A retried job, reloaded and queued once its reopening is durable.</summary>
    private sealed record PendingRetry(CallRequest Call, JobRun Job);
}
