using DistSys.Jobs.Messages;
using DistSys.Jobs.Scheduling;
using DistSys.Jobs.Tests.Support;

namespace DistSys.Jobs.Tests.Scheduling;

/// <summary>Per-attempt lease deadlines (task_timeout_ms) on workers that stay alive and keep reporting.</summary>
public sealed class SchedulerTimeoutTests
{
    private static JobServiceOptions FastRetries(JobServiceOptions options) => options with { RetryBaseDelay = TimeSpan.FromMilliseconds(1) };

    [Test]
    public async Task TaskTimeout_SleepLongerEveryAttempt_FailsJobWithTimeoutErrorAfterMaxRetries()
    {
        await using var harness = await JobHarness.StartAsync(configure: FastRetries);

        var job = await harness.SubmitAsync("""{"operation":"sleep","sleep_ms":60000,"task_count":1,"max_retries":2,"task_timeout_ms":100}""");
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Failed));
            Assert.That(done.Attempts, Is.EqualTo(3));
            Assert.That(done.Error, Is.EqualTo("task 0 failed after 3 attempts: timed out after 100 ms, attempt 3 of 3"));
        });
        await Eventually.True(() => harness.Workers.Sum(w => w.Status.Cancelled) == 3 && harness.Workers.All(w => w.Status.Active.IsEmpty),
            "every timed-out attempt was cancelled on its worker");
    }

    [Test]
    public async Task TaskTimeout_PoolTasksQueuedOnABusyWorker_TimeOnlyFromTheirStart()
    {
        // One CPU slot, six tasks of 400 ms each placed on the pool: the last one waits 2 s for the slot,
        // longer than its 1.5 s timeout, and still runs once — the deadline starts when it has the slot.
        await using var harness = await JobHarness.StartAsync(workers: 1, maxTasks: 8, configure: FastRetries, executor: o => o with { CpuSlots = 1 });

        var job = await harness.SubmitAsync(PoolConfig(tasks: 6, delayMs: 400, timeoutMs: 1500));
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error);
            Assert.That(done.Attempts, Is.EqualTo(done.Total), "no attempt timed out");
        });
    }

    [Test]
    public async Task TaskTimeout_PoolTaskOverrunsAfterItStarted_TimesOut()
    {
        await using var harness = await JobHarness.StartAsync(workers: 1, configure: FastRetries, executor: o => o with { CpuSlots = 1 });

        var job = await harness.SubmitAsync(PoolConfig(tasks: 1, delayMs: 60_000, timeoutMs: 200));
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Failed));
            Assert.That(done.Error, Does.Contain("timed out after 200 ms"));
        });
    }

    // Lines of over 4 096 characters a task: its operation places it on the thread pool.
    private static string PoolConfig(int tasks, int delayMs, int timeoutMs) =>
        $$"""{"operation":"wordcount","text":"{{string.Join("\\n", Enumerable.Repeat("word word word word word", 240 * tasks))}}","task_count":{{tasks}},"reducers":1,"max_retries":0,"delay_ms":{{delayMs}},"task_timeout_ms":{{timeoutMs}}}""";

    [Test]
    public async Task TaskTimeout_HangsOnceThenSucceeds_JobCompletesExactly()
    {
        await using var harness = await JobHarness.StartAsync(configure: FastRetries, operations: TestOperations.AddTo);

        var job = await harness.SubmitAsync("""{"operation":"plugin:hang-once","task_count":3,"max_retries":1,"task_timeout_ms":200}""");
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed));
            Assert.That(done.Done, Is.EqualTo(3));
            Assert.That(done.Attempts, Is.EqualTo(6));
            Assert.That(harness.Master.CombinedResult(done.Id, "plugin:hang-once"), Is.EqualTo("""["0","1","2"]"""));
        });
    }

    [Test]
    public async Task TaskTimeout_LateResultOfRevokedAttempt_RejectedAndCountedOnce()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gated = new TestOperations.Hanging("plugin:gated", gate.Task);
        await using var harness = await JobHarness.StartAsync(workers: 1, configure: FastRetries, operations: r => r.Add(gated));
        await harness.AllWorkersActiveAsync();
        var executor = await harness.ExecutorAsync(0);
        var scheduler = harness.Runtime.Whereis(SchedulerProcess.Name);

        // Long enough that the second attempt, held at the gate while the test sends the late result, never times out itself.
        var job = await harness.SubmitAsync("""{"operation":"plugin:gated","task_count":1,"max_retries":1,"task_timeout_ms":2000}""");
        await harness.WaitAsync(job.Id, v => v.Attempts == 2 && v.Running == 1);
        var late = new TasksFinished(executor, [new TaskOutcome(job.Id, 0, 1, true, "\"late\"")]);
        harness.Runtime.Send(scheduler, late);
        var whileRetrying = await harness.GetAsync(job.Id);
        gate.SetResult();
        var done = await harness.WaitAsync(job.Id);
        harness.Runtime.Send(scheduler, late);
        var afterwards = await harness.GetAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(whileRetrying.Done, Is.Zero, "the revoked attempt's result was not taken");
            Assert.That(whileRetrying.Status, Is.EqualTo(JobStatus.Running));
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed));
            Assert.That((afterwards.Done, afterwards.Attempts), Is.EqualTo((1, 2)));
            Assert.That(harness.Master.CombinedResult(done.Id, "plugin:gated"), Is.EqualTo("""["0"]"""));
        });
    }
}
