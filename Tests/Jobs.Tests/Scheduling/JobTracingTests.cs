using DistSys.Jobs.Tests.Support;

namespace DistSys.Jobs.Tests.Scheduling;

/// <summary>JobsTracing: a job span, and under it one task.attempt span per attempt.</summary>
public sealed class JobTracingTests
{
    [Test]
    public async Task Job_Traced_AttemptSpansAreChildrenOfTheJobSpan()
    {
        using var recorder = new SpanRecorder(JobsTracing.SourceName);
        await using var harness = await JobHarness.StartAsync(maxTasks: 2, operations: TestOperations.AddTo);
        // Every task fails once: two attempts per task, the first failed.
        var job = await harness.SubmitAsync("""{"operation":"plugin:flaky","task_count":3}""");
        await harness.WaitAsync(job.Id);

        var root = recorder.Spans("job", "distsys.job.id", job.Id).Single();
        var attempts = recorder.Spans("task.attempt", "distsys.job.id", job.Id);
        Assert.Multiple(() =>
        {
            Assert.That(root.GetTagItem("distsys.job.status"), Is.EqualTo("completed"));
            Assert.That(attempts, Has.Count.EqualTo(6));
            Assert.That(attempts.Select(a => a.ParentSpanId), Has.All.EqualTo(root.SpanId));
            Assert.That(attempts.Select(a => a.TraceId), Has.All.EqualTo(root.TraceId));
            Assert.That(attempts.Count(a => Equals(a.GetTagItem("distsys.outcome"), "failed")), Is.EqualTo(3));
        });
    }
}
