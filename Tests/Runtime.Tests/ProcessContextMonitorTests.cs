using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessContextMonitorTests : RuntimeFixture
{
    [Test]
    public async Task Monitor_TargetExits_DownCarriesRefPidReason()
    {
        var watcher = new Probe(Runtime);
        var target = Runtime.Spawn((context, _) => context.Stop(ExitReason.Custom("done")));
        var reference = await watcher.RunAsync(c => c.Monitor(target));
        Runtime.Send(target, "stop");
        var down = await watcher.ExpectAsync<Down>();
        Assert.That(down, Is.EqualTo(new Down(reference, target, ExitReason.Custom("done"))));
    }

    [Test]
    public async Task Monitor_DeadPid_DownNoProcAtOnce()
    {
        var dead = Runtime.Spawn((_, _) => { });
        Runtime.Exit(dead, ExitReason.Kill);
        await Await.ExitedAsync(Runtime, dead);
        var watcher = new Probe(Runtime);
        var reference = await watcher.RunAsync(c => c.Monitor(dead));
        Assert.That(await watcher.ExpectAsync<Down>(), Is.EqualTo(new Down(reference, dead, ExitReason.NoProc)));
    }

    [Test]
    public async Task Monitor_Twice_TwoDownsWithDistinctRefs()
    {
        var watcher = new Probe(Runtime);
        var target = new Probe(Runtime);
        var first = await watcher.RunAsync(c => c.Monitor(target.Pid));
        var second = await watcher.RunAsync(c => c.Monitor(target.Pid));
        Assert.That(first, Is.Not.EqualTo(second));
        Runtime.Exit(target.Pid, ExitReason.Kill);
        var refs = new[] { (await watcher.ExpectAsync<Down>()).Ref, (await watcher.ExpectAsync<Down>()).Ref };
        Assert.That(refs, Is.EquivalentTo(new[] { first, second }));
    }

    [Test]
    public async Task Demonitor_ThenTargetExits_NoDown()
    {
        var watcher = new Probe(Runtime);
        var target = new Probe(Runtime);
        var dropped = await watcher.RunAsync(c => c.Monitor(target.Pid));
        var kept = await watcher.RunAsync(c => c.Monitor(target.Pid));
        Assert.That(await watcher.RunAsync(c => c.Demonitor(dropped)), Is.True);
        Runtime.Exit(target.Pid, ExitReason.Kill);
        Assert.That((await watcher.ExpectAsync<Down>()).Ref, Is.EqualTo(kept), "only the remaining monitor fires");
        Runtime.Send(watcher.Pid, "marker");
        Assert.That(await watcher.ExpectAsync<string>(), Is.EqualTo("marker"), "no second DOWN came before the marker");
    }

    [Test]
    public async Task Demonitor_UnknownRef_ReturnsFalse()
    {
        var watcher = new Probe(Runtime);
        Assert.That(await watcher.RunAsync(c => c.Demonitor(new MonitorRef(12345))), Is.False);
    }

    [Test]
    public async Task Monitor_WatcherDies_TargetForgetsTheMonitor()
    {
        var target = new Probe(Runtime);
        var watcher = new Probe(Runtime);
        await watcher.RunAsync(c => c.Monitor(target.Pid));
        await Eventually.True(() => Runtime.GetInfo(target.Pid)?.Monitors == 1, "the target holds the monitor");
        Runtime.Exit(watcher.Pid, ExitReason.Kill);
        await Eventually.True(() => Runtime.GetInfo(target.Pid)?.Monitors == 0, "the monitor is released");
    }

    [Test]
    public async Task Monitor_IsUnidirectional_WatcherCrashLeavesTargetAlive()
    {
        var target = new Probe(Runtime);
        var watcher = Runtime.Spawn((context, message) =>
        {
            if (message is Pid pid)
            {
                context.Monitor(pid);
                return;
            }

            throw new InvalidOperationException();
        });
        Runtime.Send(watcher, target.Pid);
        Runtime.Send(watcher, "crash");
        await Await.ExitedAsync(Runtime, watcher);
        Runtime.Send(target.Pid, "alive");
        Assert.That(await target.ExpectAsync<string>(), Is.EqualTo("alive"));
    }
}
