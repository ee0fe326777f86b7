using DistSys.Runtime;
using DistSys.Supervision.Tests.Support;

namespace DistSys.Supervision.Tests;

/// <summary>Restart intensity on a clock the test drives: at the bound it restarts, one over it gives up.</summary>
public sealed class SupervisorIntensityTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    private ProcessRuntime _runtime = null!;
    private ManualClock _clock = null!;
    private SupervisionMetrics _metrics = null!;

    [SetUp]
    public void SetUp()
    {
        _runtime = new ProcessRuntime();
        _clock = new ManualClock();
        _metrics = new SupervisionMetrics();
    }

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public async Task Crash_ExactlyIntensityRestartsWithinPeriod_KeepsRestarting()
    {
        var supervisor = await StartAsync(intensity: 3);

        for (var i = 0; i < 3; i++)
        {
            await CrashAndAwaitRestartAsync(supervisor);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.That(_runtime.IsAlive(supervisor), Is.True);
        Assert.That(_metrics.Restarts, Is.EqualTo(3));
        Assert.That(_metrics.GiveUps, Is.Zero);
    }

    [Test]
    public async Task Crash_OneOverIntensityWithinPeriod_StopsChildrenAndExitsWithShutdown()
    {
        var supervisor = await StartAsync(intensity: 3);
        for (var i = 0; i < 3; i++)
        {
            await CrashAndAwaitRestartAsync(supervisor);
        }

        // The first restart is exactly one period old: still inside the window.
        _clock.Advance(Period);
        var worker = (await Tree.PidsAsync(_runtime, supervisor))["w"];
        var exited = await ExitWatcher.StartAsync(_runtime, supervisor);
        _runtime.Send(worker, TestWorker.Crash);

        Assert.That(await exited, Is.EqualTo(ExitReason.Shutdown));
        Assert.That(_metrics.GiveUps, Is.EqualTo(1));
        Assert.That(_metrics.Escalations, Is.EqualTo(1));
        await Await.ExitedAsync(_runtime, worker);
    }

    [Test]
    public async Task Crash_OldestRestartLeftThePeriod_RestartsAgain()
    {
        var supervisor = await StartAsync(intensity: 3);
        for (var i = 0; i < 3; i++)
        {
            await CrashAndAwaitRestartAsync(supervisor);
        }

        _clock.Advance(Period + TimeSpan.FromTicks(1));
        await CrashAndAwaitRestartAsync(supervisor);

        Assert.That(_runtime.IsAlive(supervisor), Is.True);
        Assert.That(_metrics.Restarts, Is.EqualTo(4));
    }

    [Test]
    public async Task Crash_IntensityZero_GivesUpAtFirstExit()
    {
        var supervisor = await StartAsync(intensity: 0);
        var exited = await ExitWatcher.StartAsync(_runtime, supervisor);

        _runtime.Send((await Tree.PidsAsync(_runtime, supervisor))["w"], TestWorker.Crash);

        Assert.That(await exited, Is.EqualTo(ExitReason.Shutdown));
        Assert.That(_metrics.Restarts, Is.Zero);
    }

    private Task<Pid> StartAsync(int intensity) => Supervisor.StartAsync(_runtime, new SupervisorSpec
    {
        Intensity = intensity,
        Period = Period,
        Clock = _clock,
        Metrics = _metrics,
        Children = [TestWorker.Spec("w")],
    });

    private async Task CrashAndAwaitRestartAsync(Pid supervisor)
    {
        var before = (await Tree.PidsAsync(_runtime, supervisor))["w"];
        _runtime.Send(before, TestWorker.Crash);
        await Eventually.True(
            async () => (await Tree.PidsAsync(_runtime, supervisor))["w"] is { IsNone: false } now && now != before,
            "the worker was restarted");
    }
}
