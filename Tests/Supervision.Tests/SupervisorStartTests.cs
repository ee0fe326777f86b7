using System.Collections.Concurrent;
using DistSys.Runtime;
using DistSys.Supervision.Tests.Support;

namespace DistSys.Supervision.Tests;

/// <summary>Children that fail to start.</summary>
public sealed class SupervisorStartTests : RuntimeFixture
{
    [Test]
    public async Task StartAsync_ChildCrashesInInit_FailsWithThatReasonAndStopsEarlierChildren()
    {
        var journal = new ConcurrentQueue<string>();
        var baseline = Runtime.ProcessCount;
        var spec = new SupervisorSpec
        {
            Children = [TestWorker.Spec("a", journal), ChildSpec.Worker("b", () => new CrashingInit()), TestWorker.Spec("c", journal)],
        };

        var failure = Assert.ThrowsAsync<SupervisorStartException>(() => Supervisor.StartAsync(Runtime, spec));

        Assert.That(failure!.ChildId, Is.EqualTo("b"));
        Assert.That(failure.Reason.Exception, Is.TypeOf<InvalidOperationException>().With.Message.EqualTo("init failed"));
        Assert.That(journal, Is.EqualTo(new[] { "start:a", "stop:a" }), "c never starts, a is stopped again");
        await Eventually.True(() => Runtime.ProcessCount == baseline, "no process is left behind");
    }

    [Test]
    public void StartAsync_StartFunctionThrows_FailsNamingTheChild()
    {
        var spec = new SupervisorSpec { Children = [new ChildSpec("broken", (_, _) => throw new FormatException("bad argument"))] };

        var failure = Assert.ThrowsAsync<SupervisorStartException>(() => Supervisor.StartAsync(Runtime, spec));

        Assert.That(failure!.Message, Does.Contain("'broken'").And.Contain("bad argument"));
    }

    [Test]
    public async Task StartChild_ChildCrashesInInit_ReturnsStartFailedAndKeepsNoSpec()
    {
        var supervisor = await Supervisor.StartAsync(Runtime, new SupervisorSpec());

        var result = await Supervisor.StartChildAsync(Runtime, supervisor, ChildSpec.Worker("b", () => new CrashingInit()));

        Assert.That(result.Error, Is.EqualTo(SupervisorError.StartFailed));
        Assert.That(result.Reason!.Exception!.Message, Is.EqualTo("init failed"));
        Assert.That(await Supervisor.WhichChildrenAsync(Runtime, supervisor), Is.Empty);
    }

    [Test]
    public async Task Restart_StartKeepsFailing_RetriesUntilIntensityThenGivesUp()
    {
        var attempts = 0;
        var metrics = new SupervisionMetrics();
        var spec = new SupervisorSpec
        {
            Intensity = 3,
            Metrics = metrics,
            Children =
            [
                new ChildSpec("flaky", (context, argument) => Interlocked.Increment(ref attempts) == 1
                    ? TestWorker.Start("flaky")(context, argument)
                    : throw new InvalidOperationException("cannot start again")),
            ],
        };
        var supervisor = await Supervisor.StartAsync(Runtime, spec);
        var exited = await ExitWatcher.StartAsync(Runtime, supervisor);

        Runtime.Send((await Tree.PidsAsync(Runtime, supervisor))["flaky"], TestWorker.Crash);

        Assert.That(await exited, Is.EqualTo(ExitReason.Shutdown));
        Assert.That(attempts, Is.EqualTo(1 + 3), "the first start, then one try per allowed restart");
        Assert.That(metrics.StartFailures, Is.EqualTo(3));
    }

    private sealed class CrashingInit : Behaviour
    {
        protected override ValueTask InitAsync(ProcessContext context) => throw new InvalidOperationException("init failed");

        protected override ValueTask ReceiveAsync(ProcessContext context, object message) => default;
    }
}
