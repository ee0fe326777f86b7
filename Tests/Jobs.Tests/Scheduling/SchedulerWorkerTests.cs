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
}
