using DistSys.Runtime;
using DistSys.Supervision.Tests.Support;

namespace DistSys.Supervision.Tests;

/// <summary>Escalation through nested supervisors.</summary>
public sealed class SupervisorTreeTests
{
    private ProcessRuntime _runtime = null!;
    private SupervisionMetrics _metrics = null!;

    [SetUp]
    public void SetUp()
    {
        _runtime = new ProcessRuntime();
        _metrics = new SupervisionMetrics();
    }

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public async Task WorkerCrash_EveryLevelAtIntensityZero_EscalatesToTheTopWhichExitsWithShutdown()
    {
        var top = await Supervisor.StartAsync(_runtime, Level("middle", Level("bottom", Leaf(), intensity: 0), intensity: 0));
        var middle = (await Tree.PidsAsync(_runtime, top))["middle"];
        var bottom = (await Tree.PidsAsync(_runtime, middle))["bottom"];
        var worker = (await Tree.PidsAsync(_runtime, bottom))["worker"];
        var topExit = await ExitWatcher.StartAsync(_runtime, top);

        _runtime.Send(worker, TestWorker.Crash);

        Assert.That(await topExit, Is.EqualTo(ExitReason.Shutdown));
        Assert.That(_metrics.Escalations, Is.EqualTo(3), "bottom, middle and top each escalated");
        foreach (var pid in new[] { middle, bottom, worker })
        {
            await Await.ExitedAsync(_runtime, pid);
        }
    }

    [Test]
    public async Task WorkerCrash_MiddleHasIntensityLeft_MiddleRestartsBottomAndTopIsUntouched()
    {
        var top = await Supervisor.StartAsync(_runtime, Level("middle", Level("bottom", Leaf(), intensity: 1), intensity: 0));
        var middle = (await Tree.PidsAsync(_runtime, top))["middle"];
        var bottom = (await Tree.PidsAsync(_runtime, middle))["bottom"];
        var worker = (await Tree.PidsAsync(_runtime, bottom))["worker"];

        _runtime.Send(worker, TestWorker.Crash);

        Pid newBottom = default;
        await Eventually.True(
            async () => (newBottom = (await Tree.PidsAsync(_runtime, middle))["bottom"]) is { IsNone: false } && newBottom != bottom,
            "the middle supervisor restarted the bottom one");
        var newWorker = (await Tree.PidsAsync(_runtime, newBottom))["worker"];
        Assert.That(_runtime.IsAlive(newWorker), Is.True);
        Assert.That((await Tree.PidsAsync(_runtime, top))["middle"], Is.EqualTo(middle));
        Assert.That(_metrics.Escalations, Is.EqualTo(1));
    }

    [Test]
    public async Task Stop_ThreeLevels_StopsEveryProcessOfTheTree()
    {
        var baseline = _runtime.ProcessCount;
        var top = await Supervisor.StartAsync(_runtime, Level("middle", Level("bottom", Leaf(), intensity: 1), intensity: 1));
        Assert.That(_runtime.ProcessCount, Is.EqualTo(baseline + 4));

        await Supervisor.StopAsync(_runtime, top);

        await Eventually.True(() => _runtime.ProcessCount == baseline, "every process of the tree exited");
    }

    /// <summary>A supervisor with <paramref name="intensity"/> whose one child is the supervisor <paramref name="child"/>.</summary>
    private SupervisorSpec Level(string childId, SupervisorSpec child, int intensity) => new()
    {
        Intensity = intensity,
        Metrics = _metrics,
        Children = [ChildSpec.ForSupervisor(childId, child)],
    };

    private SupervisorSpec Leaf() => new() { Intensity = 0, Metrics = _metrics, Children = [TestWorker.Spec("worker")] };
}
