using DistSys.Host.Jobs.Storage;
using DistSys.Runtime;

namespace DistSys.Host.Jobs.Scheduling;

/// <summary>The API's requests (calls from the REST endpoints on the master).</summary>
internal sealed partial class SchedulerProcess
{
    private void OnCall(ProcessContext context, CallRequest call)
    {
        switch (call.Request)
        {
            case SubmitJob submit:
                Submit(call, submit);
                break;
            case GetJob get:
                call.Reply(_jobs.GetValueOrDefault(get.Id)?.View());
                break;
            case ListJobs list:
                call.Reply(Page(list));
                break;
            case CancelJob cancel:
                call.Reply(Cancel(context, cancel.Id));
                break;
            case ListWorkers:
                call.Reply(_ring.Select(w => w.View()).ToArray());
                break;
            case RegisterWorker register:
                call.Reply(Register(register));
                break;
            case WorkerHeartbeat heartbeat:
                call.Reply(Heartbeat(heartbeat));
                break;
            default:
                call.Reply(null);
                break;
        }
    }

    private void Submit(CallRequest call, SubmitJob submit)
    {
        var config = submit.Config;
        var seq = _nextSeq++;
        var job = new JobRun(seq, $"job-{seq}", submit.Name, config.Operation, config.TaskCount, config.MaxRetries, Now)
        {
            Plan = new JobPlan(config),
            TaskTimeoutMs = config.TaskTimeoutMs,
            Tasks = new TaskSlot[config.TaskCount],
        };
        _jobs[job.Id] = job;
        _jobOrder.Add(job);
        _batch.Add(new StoreOp(StoreOpKind.InsertJob, job.Id, config.TaskCount, config.MaxRetries, config.Operation, submit.Name,
            State: config.ToJson(), Time: job.CreatedAt, Extra: seq));
        _batch.AfterPersist.Add(new PendingReply(call, job));
        JobsLog.JobSubmitted(options.Logger, job.Id, job.Name, job.Operation, job.TaskCount);
        for (var i = 0; i < config.TaskCount; i++)
        {
            _queue.Enqueue(new TaskKey(job, i));
        }
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

    private JobView? Cancel(ProcessContext context, string id)
    {
        if (!_jobs.TryGetValue(id, out var job))
        {
            return null;
        }

        if (job.IsLive)
        {
            EndJob(context, job, JobStatus.Cancelled, null);
        }

        return job.View();
    }

    private WorkerView Register(RegisterWorker register)
    {
        var worker = WorkerFor(register.Id);
        worker.Address = register.Address;
        worker.RegisteredMaxTasks = register.MaxTasks;
        worker.MaxTasks = register.MaxTasks;
        PersistWorker(worker);
        return worker.View();
    }

    private WorkerView? Heartbeat(WorkerHeartbeat heartbeat)
    {
        if (!_workers.TryGetValue(heartbeat.Id, out var worker))
        {
            return null;
        }

        worker.ReportedStatus = heartbeat.Status;
        worker.Metrics = heartbeat.Metrics;
        worker.LastHeartbeat = heartbeat.Timestamp;
        worker.LastSeen = Monotonic;
        PersistWorker(worker);
        return worker.View();
    }

    /// <summary>A submit's answer, given once the job's row is durable.</summary>
    private sealed record PendingReply(CallRequest Call, JobRun Job);
}
