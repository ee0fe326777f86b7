using DistSys.Runtime;
using DistSys.Supervision.Tests.Support;

namespace DistSys.Supervision.Tests;

/// <summary>start, terminate, restart, delete, which and count children.</summary>
public sealed class SupervisorApiTests
{
    private ProcessRuntime _runtime = null!;
    private Pid _supervisor;

    [SetUp]
    public async Task SetUp()
    {
        _runtime = new ProcessRuntime();
        _supervisor = await Supervisor.StartAsync(_runtime, new SupervisorSpec { Children = [TestWorker.Spec("a")] });
    }

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public async Task StartChild_NewId_StartsItAfterTheOthers()
    {
        var result = await Supervisor.StartChildAsync(_runtime, _supervisor, TestWorker.Spec("b"));

        Assert.That(result.IsOk, Is.True);
        Assert.That(_runtime.IsAlive(result.Pid), Is.True);
        Assert.That((await Supervisor.WhichChildrenAsync(_runtime, _supervisor)).Select(c => c.Id), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task StartChild_IdRunning_ReturnsAlreadyStartedWithItsPid()
    {
        var a = (await Tree.PidsAsync(_runtime, _supervisor))["a"];

        var result = await Supervisor.StartChildAsync(_runtime, _supervisor, TestWorker.Spec("a"));

        Assert.That(result, Is.EqualTo(new StartChildResult(a, SupervisorError.AlreadyStarted, null)));
    }

    [Test]
    public async Task TerminateThenRestart_HeldSpec_RunsAgainWithNewPid()
    {
        var old = (await Tree.PidsAsync(_runtime, _supervisor))["a"];

        Assert.That(await Supervisor.TerminateChildAsync(_runtime, _supervisor, "a"), Is.EqualTo(SupervisorError.None));
        Assert.That(await Supervisor.CountChildrenAsync(_runtime, _supervisor), Is.EqualTo(new ChildCounts(1, 0, 0, 1)));
        var restarted = await Supervisor.RestartChildAsync(_runtime, _supervisor, "a");

        Assert.That(restarted.IsOk, Is.True);
        Assert.That(restarted.Pid, Is.Not.EqualTo(old));
        Assert.That(_runtime.IsAlive(restarted.Pid), Is.True);
    }

    [Test]
    public async Task RestartChild_Running_ReturnsRunning()
    {
        var result = await Supervisor.RestartChildAsync(_runtime, _supervisor, "a");

        Assert.That(result.Error, Is.EqualTo(SupervisorError.Running));
    }

    [Test]
    public async Task DeleteChild_RunningThenTerminated_RefusedThenForgotten()
    {
        Assert.That(await Supervisor.DeleteChildAsync(_runtime, _supervisor, "a"), Is.EqualTo(SupervisorError.Running));

        await Supervisor.TerminateChildAsync(_runtime, _supervisor, "a");

        Assert.That(await Supervisor.DeleteChildAsync(_runtime, _supervisor, "a"), Is.EqualTo(SupervisorError.None));
        Assert.That(await Supervisor.WhichChildrenAsync(_runtime, _supervisor), Is.Empty);
    }

    [Test]
    public async Task Requests_UnknownId_ReturnNotFound()
    {
        Assert.That(await Supervisor.TerminateChildAsync(_runtime, _supervisor, "zz"), Is.EqualTo(SupervisorError.NotFound));
        Assert.That((await Supervisor.RestartChildAsync(_runtime, _supervisor, "zz")).Error, Is.EqualTo(SupervisorError.NotFound));
        Assert.That(await Supervisor.DeleteChildAsync(_runtime, _supervisor, "zz"), Is.EqualTo(SupervisorError.NotFound));
    }

    [Test]
    public async Task Call_UnknownRequest_AnswersNotSupportedAndKeepsRunning()
    {
        var answer = await _runtime.CallAsync<SupervisorError>(_supervisor, "make me a sandwich", Eventually.Liveness);

        Assert.That(answer, Is.EqualTo(SupervisorError.NotSupported));
        Assert.That(_runtime.IsAlive(_supervisor), Is.True);
    }

    [Test]
    public void StartChild_EmptyId_ThrowsBeforeReachingTheSupervisor()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Supervisor.StartChildAsync(_runtime, _supervisor, TestWorker.Spec("")));
        Assert.That(_runtime.IsAlive(_supervisor), Is.True);
    }

    [Test]
    public async Task CountChildren_WorkerAndSupervisor_CountsByType()
    {
        await Supervisor.StartChildAsync(_runtime, _supervisor, ChildSpec.ForSupervisor("sub", new SupervisorSpec()));

        Assert.That(await Supervisor.CountChildrenAsync(_runtime, _supervisor), Is.EqualTo(new ChildCounts(2, 2, 1, 1)));
    }

    [Test]
    public async Task Requests_WhileChildCrashesRepeatedly_AllAnsweredConsistently()
    {
        await Supervisor.StopAsync(_runtime, _supervisor);
        var supervisor = await Supervisor.StartAsync(_runtime, new SupervisorSpec { Intensity = 1_000_000, Children = [TestWorker.Spec("a")] });

        for (var crash = 1; crash <= 100; crash++)
        {
            var crashed = (await Supervisor.WhichChildrenAsync(_runtime, supervisor))[0].Pid;
            _runtime.Send(crashed, TestWorker.Crash);

            // Every answer given while the restart is under way is whole: one spec, the old pid, none, or the new one.
            IReadOnlyList<ChildInfo> children;
            var deadline = DateTime.UtcNow + Eventually.Liveness;
            do
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the restart never came");
                children = await Supervisor.WhichChildrenAsync(_runtime, supervisor);
                Assert.That(children, Has.Count.EqualTo(1));
                Assert.That((await Supervisor.CountChildrenAsync(_runtime, supervisor)).Specs, Is.EqualTo(1));
            }
            while (children[0].Pid == crashed || children[0].Pid.IsNone);

            Assert.That(children[0].Restarts, Is.EqualTo(crash));
        }
    }
}
