using DistSys.Plugins.Tests.Support;

namespace DistSys.Plugins.Tests.Manager;

/// <summary>Hot swap, failed health check and rollback while several threads keep calling the plugin.</summary>
public sealed class HotSwapTests : PluginFixture
{
    private const int Threads = 4;
    private const int Enough = 50;

    [Test]
    public async Task DeployAsync_NewVersionUnderSteadyLoad_NoFailedRequestsV1BeforeTheSwitchV2After()
    {
        await Manager.DeployAsync(ExamplePlugins.WordFreq("1", WorkRoot));
        var load = new SteadyLoad(Manager, Threads);
        await using (load)
        {
            await Eventually.True(() => load.MinimumCount("1") >= Enough, "every thread is served by v1");
            var swapped = await Manager.DeployAsync(ExamplePlugins.WordFreq("2", WorkRoot));
            Assert.That(swapped.Version, Is.EqualTo("2"));
            Assert.That(swapped.PreviousVersion, Is.EqualTo("1"));
            await Eventually.True(() => load.MinimumCount("2") >= Enough, "every thread is served by v2");
        }

        Assert.That(load.Failures, Is.Empty, "0 failed requests");
        foreach (var versions in load.Versions)
        {
            var switchAt = versions.IndexOf("2");
            Assert.That(versions.Take(switchAt), Is.All.EqualTo("1"), "v1 before the switch");
            Assert.That(versions.Skip(switchAt), Is.All.EqualTo("2"), "v2 after it, never v1 again");
        }

        await Eventually.True(() => PluginProcesses().Count == 1, "v1's process stopped once drained");
    }

    [Test]
    public async Task DeployAsync_NewVersionFailsItsHealthCheck_NeverSwitchedToOldKeepsServing()
    {
        await Manager.DeployAsync(ExamplePlugins.Faulty(WorkRoot, "1"));

        var error = Assert.ThrowsAsync<PluginException>(() => Manager.DeployAsync(ExamplePlugins.Faulty(WorkRoot, "2", healthy: false)));

        Assert.That(error!.Error, Is.EqualTo(PluginError.StartFailed));
        Assert.That(error.Message, Does.Contain("health check"));
        var reply = await Manager.InvokeAsync("faulty", "ok", new byte[] { 1 });
        Assert.That(reply.Version, Is.EqualTo("1"));
        Assert.That(Manager.List().Single().Version, Is.EqualTo("1"));
        await Eventually.True(() => PluginProcesses().Count == 1, "the unhealthy instance was stopped");
    }

    [Test]
    public async Task RollbackAsync_AfterASwapUnderSteadyLoad_ReturnsToV1WithoutFailures()
    {
        await Manager.DeployAsync(ExamplePlugins.WordFreq("1", WorkRoot));
        await Manager.DeployAsync(ExamplePlugins.WordFreq("2", WorkRoot));
        var load = new SteadyLoad(Manager, Threads);
        await using (load)
        {
            await Eventually.True(() => load.MinimumCount("2") >= Enough, "every thread is served by v2");
            var rolledBack = await Manager.RollbackAsync("wordfreq");
            Assert.That(rolledBack.Version, Is.EqualTo("1"));
            Assert.That(rolledBack.PreviousVersion, Is.Null);
            await Eventually.True(() => load.MinimumCount("1") >= Enough, "every thread is served by v1 again");
        }

        Assert.That(load.Failures, Is.Empty, "0 failed requests");
        foreach (var versions in load.Versions)
        {
            var switchAt = versions.IndexOf("1");
            Assert.That(versions.Skip(switchAt), Is.All.EqualTo("1"), "v1 after the rollback, never v2 again");
        }

        var error = Assert.ThrowsAsync<PluginException>(() => Manager.RollbackAsync("wordfreq"));
        Assert.That(error!.Error, Is.EqualTo(PluginError.NoPreviousVersion));
    }

    [Test]
    public async Task StopAsync_DeployedPlugin_ProcessGoneAndRequestsRefused()
    {
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot));

        Assert.That(await Manager.StopAsync("echo"), Is.True);

        Assert.That(PluginProcesses(), Is.Empty);
        Assert.That(Manager.List(), Is.Empty);
        var error = Assert.ThrowsAsync<PluginException>(() => Manager.InvokeAsync("echo", "echo", new byte[] { 1 }));
        Assert.That(error!.Error, Is.EqualTo(PluginError.NotDeployed));
    }
}
