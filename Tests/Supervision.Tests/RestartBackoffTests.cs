using DistSys.Supervision.Tests.Support;
using DistSys.Runtime;

namespace DistSys.Supervision.Tests;

/// <summary>Exponential backoff with jitter and a cap.</summary>
public sealed class RestartBackoffTests
{
    private static readonly RestartBackoff Backoff = new()
    {
        Initial = TimeSpan.FromMilliseconds(10),
        Max = TimeSpan.FromMilliseconds(100),
        Jitter = 0.5,
    };

    [TestCase(1, 10)]
    [TestCase(2, 20)]
    [TestCase(3, 40)]
    [TestCase(4, 80)]
    [TestCase(5, 100)]
    [TestCase(60, 100)]
    public void DelayFor_NoJitterDraw_DoublesUpToTheCap(int attempt, int expectedMs)
    {
        Assert.That(Backoff.DelayFor(attempt, random: 0.5), Is.EqualTo(TimeSpan.FromMilliseconds(expectedMs)));
    }

    [Test]
    public void DelayFor_ExtremeDraws_SpreadByJitterAndNeverAboveCap()
    {
        Assert.That(Backoff.DelayFor(2, random: 0), Is.EqualTo(TimeSpan.FromMilliseconds(10)));
        Assert.That(Backoff.DelayFor(2, random: 1), Is.EqualTo(TimeSpan.FromMilliseconds(30)));
        Assert.That(Backoff.DelayFor(5, random: 1), Is.EqualTo(TimeSpan.FromMilliseconds(100)));
    }

    [Test]
    public async Task Crash_WithBackoff_RestartsAfterTheDelay()
    {
        using var runtime = new ProcessRuntime();
        var metrics = new SupervisionMetrics();
        var supervisor = await Supervisor.StartAsync(runtime, new SupervisorSpec
        {
            Intensity = 10,
            Metrics = metrics,
            Backoff = new RestartBackoff { Initial = TimeSpan.FromMilliseconds(50), Jitter = 0 },
            Children = [TestWorker.Spec("w")],
        });
        var before = (await Tree.PidsAsync(runtime, supervisor))["w"];
        var crashedAt = runtime.TimeProvider.GetTimestamp();

        runtime.Send(before, TestWorker.Crash);

        await Eventually.True(async () => (await Tree.PidsAsync(runtime, supervisor))["w"] is { IsNone: false } now && now != before, "restarted");
        Assert.That(runtime.TimeProvider.GetElapsedTime(crashedAt), Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(45)), "the restart waited for its backoff");
        Assert.That(metrics.Restarts, Is.EqualTo(1));
    }
}
