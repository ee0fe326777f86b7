using DistSys.Jobs.Messages;
using DistSys.Jobs.Scheduling;
using DistSys.Jobs.Tests.Support;

namespace DistSys.Jobs.Tests.Scheduling;

/// <summary>What REST may and may not change about a worker: capacity of a live one, and lease liveness.</summary>
public sealed class SchedulerWorkerTests
{
    [Test]
    public async Task Register_LiveWorkerWithLowerMaxTasks_KeepsTheExecutorsCapacity()
    {
        await using var harness = await JobHarness.StartAsync(workers: 1, maxTasks: 4);
        await harness.AllWorkersActiveAsync();

        var lowered = await harness.Master.CallAsync<WorkerView>(new RegisterWorker("worker1", "127.0.0.1:1", 1));
        var raised = await harness.Master.CallAsync<WorkerView>(new RegisterWorker("worker1", "127.0.0.1:1", 6));
        var unknown = await harness.Master.CallAsync<WorkerView>(new RegisterWorker("later", "127.0.0.1:2", 1));

        Assert.Multiple(() =>
        {
            Assert.That(lowered.MaxTasks, Is.EqualTo(4), "a REST call does not shrink a connected executor");
            Assert.That(raised.MaxTasks, Is.EqualTo(6));
            Assert.That(unknown.MaxTasks, Is.EqualTo(1), "before its executor says hello, the registered capacity applies");
        });
    }

    [Test]
    public async Task Heartbeat_OverRestForASilentExecutor_DoesNotKeepItsLeases()
    {
        await using var harness = await JobHarness.StartAsync(workers: 0, configure: JobHarness.FastLeases);
        var scheduler = harness.Runtime.Whereis(SchedulerProcess.Name);
        var assigned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stalled = harness.Runtime.Spawn((_, message) =>
        {
            if (message is AssignTasks)
            {
                assigned.TrySetResult();
            }
        });
        harness.Runtime.Send(scheduler, new ExecutorHello(stalled, "stalled", 1));
        var job = await harness.SubmitAsync("""{"operation":"multiply","factor":2,"task_count":1,"data":[1,2,3]}""");
        await Eventually.Within(assigned.Task);

        // Something keeps posting heartbeats for the stalled worker (each answered once durable) while another worker joins.
        using var stop = new CancellationTokenSource();
        var beats = Task.Run(async () =>
        {
            var count = 0;
            while (!stop.IsCancellationRequested)
            {
                await harness.Master.CallAsync<WorkerView?>(new WorkerHeartbeat("stalled", "active", 1, null, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                count++;
            }

            return count;
        });
        var worker = new JobWorker(JobWorker.Local(harness.Runtime, "worker1", 2, harness.Master.Options));
        await DistSys.Supervision.Supervisor.StartChildAsync(harness.Runtime, harness.Supervisor, worker.ExecutorSpec);
        var done = await harness.WaitAsync(job.Id);
        await stop.CancelAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await beats, Is.GreaterThan(0));
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), "the silent executor's lease expired despite the heartbeats");
            Assert.That(harness.Master.CombinedResult(job.Id, "multiply"), Is.EqualTo("[2,4,6]"));
        });
    }

    [Test]
    public async Task LostAttempts_MoreThanMaxRetries_DoNotFailTheTask()
    {
        await using var harness = await JobHarness.StartAsync(workers: 0);
        var job = await harness.SubmitAsync("""{"operation":"multiply","factor":2,"task_count":1,"data":[1,2,3],"max_retries":0}""");

        // Three workers in a row take the task and die under it: three lost attempts on a budget of one failure.
        for (var i = 0; i < 3; i++)
        {
            await DieWithTheTaskAsync(harness, $"doomed{i}");
        }

        var worker = new JobWorker(JobWorker.Local(harness.Runtime, "worker1", 2, harness.Master.Options));
        await DistSys.Supervision.Supervisor.StartChildAsync(harness.Runtime, harness.Supervisor, worker.ExecutorSpec);
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error);
            Assert.That(harness.Scalar($"SELECT COUNT(*) FROM attempts WHERE job_id = '{job.Id}' AND outcome = 'lost'"), Is.EqualTo(3));
            Assert.That(harness.Master.CombinedResult(job.Id, "multiply"), Is.EqualTo("[2,4,6]"));
        });
    }

    [Test]
    public async Task LostAttempts_UpToTheLimit_FailTheJobNamingIt()
    {
        await using var harness = await JobHarness.StartAsync(workers: 0);
        var job = await harness.SubmitAsync("""{"operation":"multiply","factor":2,"task_count":1,"data":[1,2,3]}""");

        for (var i = 0; i < SchedulerProcess.LostAttemptLimit; i++)
        {
            await DieWithTheTaskAsync(harness, $"doomed{i}");
        }

        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Failed));
            Assert.That(done.Error, Does.StartWith($"task 0 was lost {SchedulerProcess.LostAttemptLimit} times: worker doomed"));
        });
    }

    /// <summary>An executor that joins, takes the one task it is given, and crashes with it (its worker lost, as the scheduler sees it).</summary>
    private static async Task DieWithTheTaskAsync(JobHarness harness, string node)
    {
        var assigned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var doomed = harness.Runtime.Spawn((_, message) =>
        {
            if (message is AssignTasks)
            {
                assigned.TrySetResult();
                throw new InvalidOperationException("the worker dies with the task");
            }
        });
        harness.Runtime.Send(harness.Runtime.Whereis(SchedulerProcess.Name), new ExecutorHello(doomed, node, 1));
        await Eventually.Within(assigned.Task);
        await Eventually.True(() => !harness.Runtime.IsAlive(doomed), $"{node}'s executor is dead");
    }
}
