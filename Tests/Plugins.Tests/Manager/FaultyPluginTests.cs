using System.Diagnostics;
using System.Text;
using DistSys.Plugins.Tests.Support;

namespace DistSys.Plugins.Tests.Manager;

/// <summary>
/// Each fault of Plugins/Examples/Faulty kills only its own instance: the request fails with a clear
/// error, the supervisor restarts the instance, and another plugin (echo) serves throughout.
/// </summary>
public sealed class FaultyPluginTests : PluginFixture
{
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("ping");

    [TestCase("failfast", "was killed by signal")]
    [TestCase("segv", "signal 11")]
    [TestCase("exit", "exited with code 42")]
    [TestCase("garbage", "garbage on the ring")]
    public async Task InvokeAsync_InstanceDies_RequestFailsInstanceRestartsOthersKeepServing(string fault, string reason)
    {
        await DeployBothAsync(PluginLimits.Default);

        var error = Assert.ThrowsAsync<PluginException>(() => Manager.InvokeAsync("faulty", fault, Ping));

        Assert.That(error!.Error, Is.EqualTo(PluginError.InstanceDied));
        Assert.That(error.Message, Does.Contain(reason).And.Contain("not idempotent"));
        await AssertBothServeAsync(expectedRestarts: 1);
    }

    [Test]
    public async Task InvokeAsync_Hang_WatchdogKillsTheInstanceAtTheDeadline()
    {
        await DeployBothAsync(PluginLimits.Default with { RequestTimeout = TimeSpan.FromSeconds(1) });

        var error = Assert.ThrowsAsync<PluginException>(() => Manager.InvokeAsync("faulty", "hang", Ping));

        Assert.That(error!.Error, Is.EqualTo(PluginError.InstanceDied));
        Assert.That(error.Message, Does.Contain("deadline; killed by the watchdog"));
        await AssertBothServeAsync(expectedRestarts: 1);
    }

    [Test]
    public async Task Watchdog_InstanceStopsHeartbeating_KilledAndRestarted()
    {
        await DeployBothAsync(PluginLimits.Default with { HeartbeatInterval = TimeSpan.FromMilliseconds(50), HeartbeatTimeout = TimeSpan.FromSeconds(1) });
        var frozen = Manager.List().Single(p => p.Name == "faulty").ProcessId;

        Signals.Send(frozen, Signals.Stop);

        await Eventually.True(() => Manager.List().Single(p => p.Name == "faulty") is { Restarts: 1, State: "running" }, "the frozen instance was replaced");
        Assert.That(Manager.List().Single(p => p.Name == "faulty").LastError, Does.Contain("sent no heartbeat"));
        Assert.That(PluginProcesses(), Does.Not.Contain(frozen), "the frozen process was killed");
        await AssertBothServeAsync(expectedRestarts: 1);
    }

    [Test]
    public async Task InvokeAsync_MemoryHog_StoppedByItsMemoryLimit()
    {
        await DeployBothAsync(PluginLimits.Default with { MemoryBytes = 192L << 20 });

        var error = Assert.ThrowsAsync<PluginException>(() => Manager.InvokeAsync("faulty", "hog", Ping));

        Assert.That(error!.Error, Is.EqualTo(PluginError.InstanceDied));
        Assert.That(error.Message, Does.Contain("was killed by signal").Or.Contain("exited with code"));
        Assert.That(error.Message, Does.Not.Contain("Out of memory").And.Not.Contain("stderr"), "the runtime's words on stderr go to the node's log only");
        await AssertBothServeAsync(expectedRestarts: 1);
    }

    [Test]
    public async Task InvokeAsync_PluginStartsAChildProcess_RefusedBySandbox()
    {
        await DeployBothAsync(PluginLimits.Default);
        var before = PluginProcesses();

        var error = Assert.ThrowsAsync<PluginException>(() => Manager.InvokeAsync("faulty", "spawn", Ping));

        Assert.That(error!.Error, Is.EqualTo(PluginError.OperationFailed));
        Assert.That(error.Message, Does.Contain("Win32Exception").And.Contain("not permitted"));
        Assert.That(PluginProcesses(), Is.EquivalentTo(before), "no process was started");
        await AssertBothServeAsync(expectedRestarts: 0);
    }

    [Test]
    public async Task InvokeAsync_OperationThrows_FailsThatRequestOnlyWithoutRestart()
    {
        await DeployBothAsync(PluginLimits.Default);

        var error = Assert.ThrowsAsync<PluginException>(() => Manager.InvokeAsync("faulty", "throw", Ping));

        Assert.That(error!.Error, Is.EqualTo(PluginError.OperationFailed));
        Assert.That(error.Message, Does.Contain("asked to throw"));
        await AssertBothServeAsync(expectedRestarts: 0);
    }

    [Test]
    public async Task InvokeAsync_InstanceKilledMidIdempotentRequest_RetriedOnceOnTheRestartedInstance()
    {
        await DeployBothAsync(PluginLimits.Default);
        var first = await Manager.InstanceAsync("faulty");

        var slow = Manager.InvokeAsync("faulty", "slow", Ping);
        await Eventually.True(() => first.InFlight == 1, "the slow request is in flight");
        using (var process = Process.GetProcessById(first.ProcessId))
        {
            process.Kill();
        }

        var reply = await Eventually.Within(slow);

        Assert.That(reply.Body, Is.EqualTo(Ping));
        Assert.That(Manager.List().Single(p => p.Name == "faulty").Restarts, Is.EqualTo(1));
    }

    [Test]
    public async Task InvokeAsync_CrashesBeyondRestartIntensity_PluginDownOthersKeepServing()
    {
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot));
        await Manager.DeployAsync(ExamplePlugins.Faulty(WorkRoot) with { RestartIntensity = 1, RestartPeriod = TimeSpan.FromMinutes(1) });

        for (var crash = 0; crash < 2; crash++)
        {
            Assert.ThrowsAsync<PluginException>(() => Manager.InvokeAsync("faulty", "exit", Ping));
        }

        await Eventually.True(() => Manager.List().Single(p => p.Name == "faulty").State == "down", "the faulty plugin's supervisor gave up");
        var error = Assert.ThrowsAsync<PluginException>(() => Manager.InvokeAsync("faulty", "ok", Ping));
        Assert.That(error!.Error, Is.EqualTo(PluginError.Unavailable));
        Assert.That((await Manager.InvokeAsync("echo", "echo", Ping)).Body, Is.EqualTo(Ping));
    }

    private async Task DeployBothAsync(PluginLimits faultyLimits)
    {
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot));
        await Manager.DeployAsync(ExamplePlugins.Faulty(WorkRoot) with { Limits = faultyLimits });
    }

    private async Task AssertBothServeAsync(int expectedRestarts)
    {
        Assert.That((await Manager.InvokeAsync("echo", "echo", Ping)).Body, Is.EqualTo(Ping), "the other plugin serves");
        Assert.That((await Manager.InvokeAsync("faulty", "ok", Ping)).Body, Is.EqualTo(Ping), "the faulty plugin serves again");
        var faulty = Manager.List().Single(p => p.Name == "faulty");
        Assert.That(faulty.Restarts, Is.EqualTo(expectedRestarts));
        Assert.That(faulty.State, Is.EqualTo("running"));
    }
}
