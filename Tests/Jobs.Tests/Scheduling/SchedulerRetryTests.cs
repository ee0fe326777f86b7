using DistSys.Jobs.Scheduling;
using DistSys.Jobs.Tests.Support;

namespace DistSys.Jobs.Tests.Scheduling;

/// <summary>A failed or cancelled job retried (RetryJob): it runs on where it stopped, each task completed once.</summary>
public sealed class SchedulerRetryTests
{
    [Test]
    public async Task Retry_CancelledMidJob_CompletesEveryTaskExactlyOnce()
    {
        await using var harness = await JobHarness.StartAsync(maxTasks: 2);
        var job = await harness.SubmitAsync("""{"operation":"sleep","sleep_ms":30,"task_count":30}""");
        await harness.WaitAsync(job.Id, v => v.Done >= 5);
        var cancelled = (await harness.Master.CallAsync<JobView?>(new CancelJob(job.Id)))!;

        var retried = (await harness.Master.CallAsync<RetryAnswer?>(new RetryJob(job.Id)))!;
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(cancelled.Status, Is.EqualTo(JobStatus.Cancelled));
            Assert.That(retried.Retried, Is.True);
            Assert.That(retried.Job.Status, Is.EqualTo(JobStatus.Pending));
            Assert.That(retried.Job.Done, Is.EqualTo(cancelled.Done), "the tasks completed before the cancel are kept");
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error);
            Assert.That(done.Done, Is.EqualTo(30));
            Assert.That(done.Error, Is.Null);
            Assert.That(harness.Scalar($"SELECT done_count FROM jobs WHERE id = '{job.Id}'"), Is.EqualTo(30));
            Assert.That(harness.Scalar($"SELECT COUNT(*) FROM results WHERE job_id = '{job.Id}'"), Is.EqualTo(30));
            Assert.That(harness.Scalar($"SELECT COUNT(*) FROM attempts WHERE job_id = '{job.Id}' AND outcome = 'completed'"), Is.EqualTo(30),
                "no task ran to completion twice");
        });
    }

    [Test]
    public async Task Retry_NotFailedOrCancelled_RefusedAndUnchanged()
    {
        await using var harness = await JobHarness.StartAsync(maxTasks: 2);
        var job = await harness.SubmitAsync("""{"operation":"sleep","sleep_ms":10,"task_count":2}""");
        var completed = await harness.WaitAsync(job.Id);

        var answer = (await harness.Master.CallAsync<RetryAnswer?>(new RetryJob(job.Id)))!;
        var unknown = await harness.Master.CallAsync<RetryAnswer?>(new RetryJob("job-999"));

        Assert.Multiple(async () =>
        {
            Assert.That(completed.Status, Is.EqualTo(JobStatus.Completed));
            Assert.That(answer.Retried, Is.False);
            Assert.That(answer.Job.Status, Is.EqualTo(JobStatus.Completed));
            Assert.That((await harness.GetAsync(job.Id)).Status, Is.EqualTo(JobStatus.Completed));
            Assert.That(unknown, Is.Null);
        });
    }

    [Test]
    public async Task Retry_ThenMasterCrash_TheFreshAttemptBudgetSurvives()
    {
        var directory = JobHarness.NewDataDirectory();
        try
        {
            string id;
            await using (var first = await JobHarness.StartAsync(maxTasks: 2, dataDirectory: directory, operations: TestOperations.AddTo))
            {
                // Every task's first attempt fails: with no retries the job fails, and only the retry's budget lets it complete.
                id = (await first.SubmitAsync("""{"operation":"plugin:flaky","task_count":6,"max_retries":0}""")).Id;
                Assert.That((await first.WaitAsync(id)).Status, Is.EqualTo(JobStatus.Failed));
                Assert.That((await first.Master.CallAsync<RetryAnswer?>(new RetryJob(id)))!.Retried, Is.True);
                await first.CrashAsync();
            }

            await using var second = await JobHarness.StartAsync(maxTasks: 2, dataDirectory: directory, operations: TestOperations.AddTo);
            var done = await second.WaitAsync(id);

            Assert.Multiple(() =>
            {
                Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error);
                Assert.That(second.Scalar($"SELECT attempt_base FROM jobs WHERE id = '{id}'"), Is.EqualTo(1));
                Assert.That(second.Scalar($"SELECT COUNT(*) FROM results WHERE job_id = '{id}'"), Is.EqualTo(6));
            });
        }
        finally
        {
            JobHarness.DeleteDirectory(directory);
        }
    }
}
