using DistSys.Runtime;
using DistSys.Supervision.Tests.Support;

namespace DistSys.Supervision.Tests;

/// <summary>Dynamic children from one template.</summary>
public sealed class SimpleOneForOneTests : RuntimeFixture
{
    private const int Children = 10_000;

    [Test]
    public async Task StartDynamicChild_TenThousand_AllRunRestartAndStopTogether()
    {
        var baseline = Runtime.ProcessCount;
        var supervisor = await Supervisor.StartAsync(Runtime, new SupervisorSpec
        {
            Strategy = SupervisorStrategy.SimpleOneForOne,
            Intensity = Children,
            Children = [new ChildSpec("worker", ChildStarts.Linked(argument => new TestWorker($"w{argument}")))],
        });

        var pids = new Pid[Children];
        for (var i = 0; i < Children; i++)
        {
            var started = await Supervisor.StartDynamicChildAsync(Runtime, supervisor, i);
            Assert.That(started.IsOk, Is.True);
            pids[i] = started.Pid;
        }

        Assert.That(await Supervisor.CountChildrenAsync(Runtime, supervisor), Is.EqualTo(new ChildCounts(Children, Children, 0, Children)));
        for (var i = 0; i < Children; i += 10)
        {
            Runtime.Send(pids[i], TestWorker.Crash);
        }

        await Eventually.True(
            async () => (await Supervisor.WhichChildrenAsync(Runtime, supervisor)).Sum(c => c.Restarts) == Children / 10,
            "every crashed child was restarted");
        Assert.That((await Supervisor.CountChildrenAsync(Runtime, supervisor)).Active, Is.EqualTo(Children));

        await Supervisor.StopAsync(Runtime, supervisor);
        await Eventually.True(() => Runtime.ProcessCount == baseline, "all 10 k children and the supervisor exited");
    }

    [Test]
    public async Task TerminateChild_DynamicPid_StopsAndForgetsIt()
    {
        var supervisor = await Supervisor.StartAsync(Runtime, new SupervisorSpec
        {
            Strategy = SupervisorStrategy.SimpleOneForOne,
            Children = [TestWorker.Spec("worker")],
        });
        var child = (await Supervisor.StartDynamicChildAsync(Runtime, supervisor)).Pid;

        Assert.That(await Supervisor.TerminateChildAsync(Runtime, supervisor, child), Is.EqualTo(SupervisorError.None));

        await Await.ExitedAsync(Runtime, child);
        Assert.That(await Supervisor.WhichChildrenAsync(Runtime, supervisor), Is.Empty);
        Assert.That(await Supervisor.TerminateChildAsync(Runtime, supervisor, child), Is.EqualTo(SupervisorError.NotFound));
    }

    [Test]
    public async Task StaticRequests_SimpleOneForOne_NotSupported()
    {
        var supervisor = await Supervisor.StartAsync(Runtime, new SupervisorSpec
        {
            Strategy = SupervisorStrategy.SimpleOneForOne,
            Children = [TestWorker.Spec("worker")],
        });

        Assert.That((await Supervisor.StartChildAsync(Runtime, supervisor, TestWorker.Spec("x"))).Error, Is.EqualTo(SupervisorError.NotSupported));
        Assert.That(await Supervisor.DeleteChildAsync(Runtime, supervisor, "worker"), Is.EqualTo(SupervisorError.NotSupported));
    }

    [Test]
    public void StartAsync_SimpleOneForOneWithTwoTemplates_Throws()
    {
        var spec = new SupervisorSpec { Strategy = SupervisorStrategy.SimpleOneForOne, Children = [TestWorker.Spec("a"), TestWorker.Spec("b")] };

        Assert.ThrowsAsync<ArgumentException>(() => Supervisor.StartAsync(Runtime, spec));
    }
}
