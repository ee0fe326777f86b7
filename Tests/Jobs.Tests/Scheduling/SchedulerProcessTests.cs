using System.Text.Json;
using DistSys.Jobs.Tests.Support;
using DistSys.Runtime;

namespace DistSys.Jobs.Tests.Scheduling;

/// <summary>Scheduler and executors in one runtime: results, worker death, retries, poison tasks, cancellation.</summary>
public sealed class SchedulerProcessTests
{
    private static double[] Numbers(string json) =>
        [.. JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.GetDouble())];

    [Test]
    public async Task Submit_SeedMultiplyJob_CompletesWithEveryProductInOrder()
    {
        await using var harness = await JobHarness.StartAsync();

        var submitted = await harness.SubmitAsync("""{"operation":"multiply","factor":3,"task_count":5}""");
        var done = await harness.WaitAsync(submitted.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed));
            Assert.That(done.Done, Is.EqualTo(5));
            Assert.That(done.Attempts, Is.EqualTo(5));
            Assert.That(Numbers(harness.Master.CombinedResult(done.Id, "multiply")), Is.EqualTo(Enumerable.Range(1, 50).Select(i => 3.0 * i)));
        });
    }

    [Test]
    public async Task Submit_ManyJobsAtOnce_EachCompletesWithItsOwnSum()
    {
        await using var harness = await JobHarness.StartAsync();

        var jobs = await Task.WhenAll(Enumerable.Range(1, 20).Select(n =>
            harness.SubmitAsync($$"""{"operation":"sum","task_count":{{n}},"range":{"start":1,"end":{{n * 100}} } }""")));
        foreach (var (job, n) in jobs.Select((j, i) => (j, i + 1)))
        {
            var done = await harness.WaitAsync(job.Id);
            var expected = (double)n * 100 * (n * 100 + 1) / 2;
            Assert.That(harness.Master.CombinedResult(done.Id, "sum"), Is.EqualTo(expected.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Test]
    public async Task ExecutorKilled_MidJob_TasksRequeuedAndResultsExact()
    {
        await using var harness = await JobHarness.StartAsync(maxTasks: 2);
        await harness.AllWorkersActiveAsync();
        var job = await harness.SubmitAsync("""{"operation":"sleep","sleep_ms":50,"task_count":24}""");
        await harness.WaitAsync(job.Id, v => v.Done >= 4);

        harness.Runtime.Exit(await harness.ExecutorAsync(0), ExitReason.Kill);
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed));
            Assert.That(done.Done, Is.EqualTo(24));
            Assert.That(done.Attempts, Is.GreaterThan(24), "the killed executor's tasks ran again");
            Assert.That(harness.Master.CombinedResult(done.Id, "sleep"), Is.EqualTo("1200"));
        });
    }

    [Test]
    public async Task PoisonTask_EveryAttemptFails_FailsJobWithTheErrorAfterMaxRetries()
    {
        await using var harness = await JobHarness.StartAsync(
            configure: o => o with { RetryBaseDelay = TimeSpan.FromMilliseconds(1) }, operations: TestOperations.AddTo);

        var job = await harness.SubmitAsync("""{"operation":"plugin:poison","task_count":1,"max_retries":2}""");
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Failed));
            Assert.That(done.Attempts, Is.EqualTo(3));
            Assert.That(done.Error, Does.Contain("task 0 failed after 3 attempts").And.Contain("poisoned partition"));
        });
    }

    [Test]
    public async Task FlakyTask_FirstAttemptFails_RetriedAndCompleted()
    {
        await using var harness = await JobHarness.StartAsync(
            configure: o => o with { RetryBaseDelay = TimeSpan.FromMilliseconds(1) }, operations: TestOperations.AddTo);

        var job = await harness.SubmitAsync("""{"operation":"plugin:flaky","task_count":3}""");
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed));
            Assert.That(done.Attempts, Is.EqualTo(6));
            Assert.That(harness.Master.CombinedResult(done.Id, "plugin:flaky"), Is.EqualTo("""["0","1","2"]"""));
        });
    }

    [Test]
    public async Task Cancel_RunningSleepJob_CancelledAndExecutorsIdle()
    {
        await using var harness = await JobHarness.StartAsync(maxTasks: 2);
        var job = await harness.SubmitAsync("""{"operation":"sleep","sleep_ms":60000,"task_count":8}""");
        await harness.WaitAsync(job.Id, v => v.Running == 4);

        var cancelled = await harness.Master.CallAsync<JobView?>(new DistSys.Jobs.Scheduling.CancelJob(job.Id));

        Assert.That(cancelled!.Status, Is.EqualTo(JobStatus.Cancelled));
        await Eventually.True(() => harness.Workers.All(w => w.Status.Active.IsEmpty && w.Status.Cancelled > 0), "the running tasks were cancelled on the workers");
        Assert.That((await harness.WorkersAsync()).Sum(w => w.ActiveTasks), Is.Zero);
    }

    [Test]
    public async Task Dispatch_WorkersWithMaxTasks_NeverHoldMoreLeasesThanMaxTasks()
    {
        await using var harness = await JobHarness.StartAsync(workers: 3, maxTasks: 2);
        await harness.AllWorkersActiveAsync();
        var job = await harness.SubmitAsync("""{"operation":"sleep","sleep_ms":20,"task_count":30}""");

        var seen = new List<int[]>();
        await Eventually.True(async () =>
        {
            seen.Add([.. (await harness.WorkersAsync()).Select(w => w.ActiveTasks)]);
            return (await harness.GetAsync(job.Id)).Status == JobStatus.Completed;
        }, "the job completed");

        Assert.That(seen.SelectMany(s => s), Has.All.LessThanOrEqualTo(2));
        Assert.That(seen.Any(s => s.Count(a => a > 0) > 1), Is.True, "work was spread over several workers");
    }
}
