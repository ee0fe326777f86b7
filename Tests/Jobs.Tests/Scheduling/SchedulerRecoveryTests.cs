using DistSys.Jobs.Messages;
using DistSys.Jobs.Operations;
using DistSys.Jobs.Scheduling;
using DistSys.Jobs.Tests.Support;

namespace DistSys.Jobs.Tests.Scheduling;

/// <summary>Leases that expire, results from revoked leases, and a master that crashes mid-job.</summary>
public sealed class SchedulerRecoveryTests
{
    [Test]
    public async Task LeaseExpiry_SilentExecutor_TaskRunsElsewhereAndItsLateResultIsRejected()
    {
        await using var harness = await JobHarness.StartAsync(workers: 0, configure: JobHarness.FastLeases);
        var scheduler = harness.Runtime.Whereis(SchedulerProcess.Name);
        var assigned = new TaskCompletionSource<TaskInput>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ghost = harness.Runtime.Spawn((context, message) =>
        {
            switch (message)
            {
                case AssignTasks assign:
                    assigned.TrySetResult(assign.Tasks.Single());
                    break;
                case CancelTask cancel:
                    // Revoked: answer anyway, with a wrong result, as a worker that was only slow would.
                    context.Send(scheduler, new TasksFinished(context.Self, [new TaskOutcome(cancel.JobId, cancel.Index, cancel.Attempt, true, "[999]")]));
                    break;
            }
        });
        harness.Runtime.Send(scheduler, new ExecutorHello(ghost, "ghost", 1));

        var job = await harness.SubmitAsync("""{"operation":"multiply","factor":2,"task_count":1,"data":[1,2,3]}""");
        await Eventually.Within(assigned.Task);
        var worker = new JobWorker(JobWorker.Local(harness.Runtime, "worker1", 2, harness.Master.Options));
        await DistSys.Supervision.Supervisor.StartChildAsync(harness.Runtime, harness.Supervisor, worker.ExecutorSpec);
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed));
            Assert.That(done.Attempts, Is.EqualTo(2));
            Assert.That(harness.Master.CombinedResult(job.Id, "multiply"), Is.EqualTo("[2,4,6]"));
        });
    }

    [Test]
    public async Task MasterCrash_MidJob_RestartContinuesAndEveryTaskCountsOnce()
    {
        var directory = JobHarness.NewDataDirectory();
        try
        {
            string id;
            await using (var first = await JobHarness.StartAsync(maxTasks: 2, dataDirectory: directory))
            {
                id = (await first.SubmitAsync("""{"operation":"sleep","sleep_ms":40,"task_count":30}""")).Id;
                await first.WaitAsync(id, v => v.Done >= 6);
                await first.CrashAsync();
            }

            await using var second = await JobHarness.StartAsync(maxTasks: 2, dataDirectory: directory);
            var resumed = await second.GetAsync(id);
            var done = await second.WaitAsync(id);

            Assert.Multiple(() =>
            {
                Assert.That(resumed.Done, Is.GreaterThanOrEqualTo(1), "completed results survived the crash");
                Assert.That(done.Status, Is.EqualTo(JobStatus.Completed));
                Assert.That(second.Master.CombinedResult(id, "sleep"), Is.EqualTo("1200"));
                Assert.That(second.Scalar($"SELECT done_count FROM jobs WHERE id = '{id}'"), Is.EqualTo(30));
                Assert.That(second.Scalar($"SELECT COUNT(*) FROM results WHERE job_id = '{id}'"), Is.EqualTo(30));
                Assert.That(second.Scalar($"SELECT COUNT(*) FROM tasks WHERE job_id = '{id}' AND state = 'completed'"), Is.EqualTo(30));
            });
        }
        finally
        {
            JobHarness.DeleteDirectory(directory);
        }
    }

    [Test]
    public async Task MasterRestart_FinishedAndResumedJobs_ShowTheAttemptsTheStoreHolds()
    {
        var directory = JobHarness.NewDataDirectory();
        try
        {
            string finished, resumed;
            int finishedAttempts;
            await using (var first = await JobHarness.StartAsync(maxTasks: 2, dataDirectory: directory, operations: TestOperations.AddTo))
            {
                // Every task fails once, so the finished job holds twice as many attempts as tasks.
                finished = (await first.SubmitAsync("""{"operation":"plugin:flaky","task_count":6}""")).Id;
                finishedAttempts = (await first.WaitAsync(finished)).Attempts;
                resumed = (await first.SubmitAsync("""{"operation":"sleep","sleep_ms":40,"task_count":30}""")).Id;
                await first.WaitAsync(resumed, v => v.Done >= 4);
                await first.CrashAsync();
            }

            await using var second = await JobHarness.StartAsync(maxTasks: 2, dataDirectory: directory, operations: TestOperations.AddTo);
            var afterRestart = await second.GetAsync(finished);
            var resumedDone = await second.WaitAsync(resumed);

            Assert.Multiple(() =>
            {
                Assert.That(finishedAttempts, Is.EqualTo(12));
                Assert.That(afterRestart.Attempts, Is.EqualTo(finishedAttempts), "a finished job's attempts survive the restart");
                Assert.That(afterRestart.Attempts, Is.EqualTo(second.Scalar($"SELECT SUM(attempts) FROM tasks WHERE job_id = '{finished}'")));
                Assert.That(resumedDone.Attempts, Is.EqualTo(second.Scalar($"SELECT SUM(attempts) FROM tasks WHERE job_id = '{resumed}'")));
                Assert.That(resumedDone.Attempts, Is.GreaterThanOrEqualTo(30));
            });
        }
        finally
        {
            JobHarness.DeleteDirectory(directory);
        }
    }

    [Test]
    public async Task SchedulerKilled_MidJob_SupervisorRestartsItAndTheJobCompletes()
    {
        await using var harness = await JobHarness.StartAsync(maxTasks: 2);
        var job = await harness.SubmitAsync("""{"operation":"sleep","sleep_ms":30,"task_count":40}""");
        await harness.WaitAsync(job.Id, v => v.Done >= 5);
        var first = harness.Runtime.Whereis(SchedulerProcess.Name);

        harness.Runtime.Exit(first, DistSys.Runtime.ExitReason.Kill);
        await Eventually.True(() => harness.Runtime.Whereis(SchedulerProcess.Name) is { IsNone: false } pid && pid != first, "the scheduler was restarted");
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed));
            Assert.That(harness.Master.CombinedResult(job.Id, "sleep"), Is.EqualTo("1200"));
            Assert.That(harness.Scalar($"SELECT COUNT(*) FROM results WHERE job_id = '{job.Id}'"), Is.EqualTo(40));
        });
    }

    [Test]
    public async Task MasterCrash_RegisteredWorker_ListedAgainAfterRestart()
    {
        var directory = JobHarness.NewDataDirectory();
        try
        {
            await using (var first = await JobHarness.StartAsync(workers: 0, dataDirectory: directory))
            {
                await first.Master.CallAsync<WorkerView>(new RegisterWorker("127.0.0.1:9", "127.0.0.1:9", 7));
                await first.SubmitAsync("""{"operation":"sum"}""");
                await first.CrashAsync();
            }

            await using var second = await JobHarness.StartAsync(workers: 0, dataDirectory: directory);
            var worker = (await second.WorkersAsync()).Single();

            Assert.That((worker.Id, worker.Address, worker.MaxTasks), Is.EqualTo(("127.0.0.1:9", "127.0.0.1:9", 7)));
        }
        finally
        {
            JobHarness.DeleteDirectory(directory);
        }
    }
}
