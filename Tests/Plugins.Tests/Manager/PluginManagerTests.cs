using DistSys.Plugins.Tests.Support;
using DistSys.Supervision;

namespace DistSys.Plugins.Tests.Manager;

/// <summary>The manager's start hook under the node's supervisor, and its statistics.</summary>
public sealed class PluginManagerTests : PluginFixture
{
    [Test]
    public async Task StartAsync_UnderNodeSupervisor_RunsAsThePluginManagerService()
    {
        await using var node = await NodeSupervisor.StartAsync(Runtime);
        var manager = await PluginManager.StartAsync(Runtime, node);
        try
        {
            await manager.DeployAsync(ExamplePlugins.Echo(WorkRoot));

            var services = await node.ServicesAsync();
            Assert.That(services.Single().Id, Is.EqualTo(NodeServices.PluginManager));
            Assert.That(services.Single().Pid, Is.EqualTo(manager.SupervisorPid));
            Assert.That((await manager.InvokeAsync("echo", "echo", new byte[] { 7 })).Body, Is.EqualTo(new byte[] { 7 }));
        }
        finally
        {
            await manager.DisposeAsync();
        }

        Assert.That((await node.ServicesAsync()).Single().Pid, Is.EqualTo(manager.SupervisorPid), "the node's tree still owns the service");
        Assert.That(PluginProcesses(), Is.Empty);
    }

    [Test]
    public async Task List_AfterRequestsAndAFailure_CountsThemWithLatency()
    {
        await Manager.DeployAsync(ExamplePlugins.Faulty(WorkRoot));
        for (var i = 0; i < 5; i++)
        {
            await Manager.InvokeAsync("faulty", "ok", new byte[] { 1 });
        }

        Assert.ThrowsAsync<PluginException>(() => Manager.InvokeAsync("faulty", "throw", new byte[] { 1 }));

        var info = Manager.List().Single();
        Assert.That(info.Requests, Is.EqualTo(6), "health checks are not counted");
        Assert.That(info.Failures, Is.EqualTo(1));
        Assert.That(info.Restarts, Is.Zero);
        Assert.That(info.MeanLatency, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(info.MaxLatency, Is.GreaterThanOrEqualTo(info.MeanLatency));
        Assert.That(info.State, Is.EqualTo("running"));
    }
}
