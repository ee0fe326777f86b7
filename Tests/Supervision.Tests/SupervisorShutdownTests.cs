using System.Collections.Concurrent;
using DistSys.Runtime;
using DistSys.Supervision.Tests.Support;

namespace DistSys.Supervision.Tests;

/// <summary>Ordered shutdown, shutdown timeouts and the rest_for_one order.</summary>
public sealed class SupervisorShutdownTests
{
    private ProcessRuntime _runtime = null!;
    private ConcurrentQueue<string> _journal = null!;

    [SetUp]
    public void SetUp()
    {
        _runtime = new ProcessRuntime();
        _journal = new ConcurrentQueue<string>();
    }

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public async Task Start_ThreeChildren_StartsInOrderAndStopStopsInReverseOrder()
    {
        var supervisor = await Supervisor.StartAsync(_runtime, new SupervisorSpec
        {
            Children = [TestWorker.Spec("a", _journal), TestWorker.Spec("b", _journal), TestWorker.Spec("c", _journal)],
        });

        await Supervisor.StopAsync(_runtime, supervisor);

        Assert.That(_journal, Is.EqualTo(new[] { "start:a", "start:b", "start:c", "stop:c", "stop:b", "stop:a" }));
        await Await.ExitedAsync(_runtime, supervisor);
    }

    [Test]
    public async Task Crash_RestForOne_StopsLaterChildrenLastFirstThenRestartsInOrder()
    {
        var supervisor = await Supervisor.StartAsync(_runtime, new SupervisorSpec
        {
            Strategy = SupervisorStrategy.RestForOne,
            Children = [TestWorker.Spec("a", _journal), TestWorker.Spec("b", _journal), TestWorker.Spec("c", _journal), TestWorker.Spec("d", _journal)],
        });
        var before = await Tree.PidsAsync(_runtime, supervisor);
        _journal.Clear();

        _runtime.Send(before["b"], TestWorker.Crash);

        await Eventually.True(() => _journal.Count == 6, "b, c and d stopped and started again");
        Assert.That(_journal, Is.EqualTo(new[] { "stop:b", "stop:d", "stop:c", "start:b", "start:c", "start:d" }));
        var after = await Tree.PidsAsync(_runtime, supervisor);
        Assert.That(after["a"], Is.EqualTo(before["a"]));
        Assert.That(new[] { "b", "c", "d" }.Select(id => after[id] != before[id] && _runtime.IsAlive(after[id])), Is.All.True);
    }

    [Test]
    public async Task TerminateChild_ChildIgnoresShutdown_KilledAfterItsTimeout()
    {
        var stubborn = new ChildSpec("stubborn", TestWorker.Start("stubborn", ignoreShutdown: true))
        {
            Shutdown = ShutdownPolicy.After(TimeSpan.FromMilliseconds(100)),
        };
        var supervisor = await Supervisor.StartAsync(_runtime, new SupervisorSpec { Children = [stubborn] });
        var child = (await Tree.PidsAsync(_runtime, supervisor))["stubborn"];
        var exited = await ExitWatcher.StartAsync(_runtime, child);

        var result = await Supervisor.TerminateChildAsync(_runtime, supervisor, "stubborn");

        Assert.That(result, Is.EqualTo(SupervisorError.None));
        Assert.That(await exited, Is.EqualTo(ExitReason.Killed), "it trapped the shutdown, so only the kill ended it");
        Assert.That((await Tree.PidsAsync(_runtime, supervisor))["stubborn"], Is.EqualTo(Pid.None));
    }

    [Test]
    public async Task TerminateChild_ChildHonoursShutdown_ExitsWithShutdown()
    {
        var supervisor = await Supervisor.StartAsync(_runtime, new SupervisorSpec { Children = [TestWorker.Spec("w")] });
        var child = (await Tree.PidsAsync(_runtime, supervisor))["w"];
        var exited = await ExitWatcher.StartAsync(_runtime, child);

        await Supervisor.TerminateChildAsync(_runtime, supervisor, "w");

        Assert.That(await exited, Is.EqualTo(ExitReason.Shutdown));
    }

    [Test]
    public async Task TerminateChild_BrutalKill_KillsAtOnceEvenIfTrapping()
    {
        var spec = new ChildSpec("w", TestWorker.Start("w", ignoreShutdown: true)) { Shutdown = ShutdownPolicy.BrutalKill };
        var supervisor = await Supervisor.StartAsync(_runtime, new SupervisorSpec { Children = [spec] });
        var child = (await Tree.PidsAsync(_runtime, supervisor))["w"];
        var exited = await ExitWatcher.StartAsync(_runtime, child);

        await Supervisor.TerminateChildAsync(_runtime, supervisor, "w");

        Assert.That(await exited, Is.EqualTo(ExitReason.Killed));
    }

    [Test]
    public async Task ExitSignal_ShutdownFromOutside_StopsChildrenThenExitsWithThatReason()
    {
        var supervisor = await Supervisor.StartAsync(_runtime, new SupervisorSpec
        {
            Children = [TestWorker.Spec("a", _journal), TestWorker.Spec("b", _journal)],
        });
        var exited = await ExitWatcher.StartAsync(_runtime, supervisor);

        _runtime.Exit(supervisor, ExitReason.Shutdown);

        Assert.That(await exited, Is.EqualTo(ExitReason.Shutdown));
        Assert.That(_journal.Where(e => e.StartsWith("stop:", StringComparison.Ordinal)), Is.EqualTo(new[] { "stop:b", "stop:a" }));
    }
}
