using DistSys.Supervision.Tests.Support;

namespace DistSys.Supervision.Tests;

/// <summary>The node's root supervisor and its services.</summary>
public sealed class NodeSupervisorTests : RuntimeFixture
{
    [Test]
    public async Task AddService_TwoServices_RegisteredRootSupervisesThemInOrder()
    {
        await using var node = await NodeSupervisor.StartAsync(Runtime);

        await node.AddServiceAsync(TestWorker.Spec(NodeServices.ConnectionAcceptor));
        await node.AddServiceAsync(TestWorker.Spec(NodeServices.Membership));

        Assert.That(Runtime.Whereis(NodeSupervisor.RegisteredName), Is.EqualTo(node.Pid));
        Assert.That((await node.ServicesAsync()).Select(s => s.Id), Is.EqualTo(new[] { NodeServices.ConnectionAcceptor, NodeServices.Membership }));
    }

    [Test]
    public async Task ServiceCrash_OneForOne_OnlyThatServiceRestarts()
    {
        await using var node = await NodeSupervisor.StartAsync(Runtime);
        var acceptor = (await node.AddServiceAsync(TestWorker.Spec(NodeServices.ConnectionAcceptor))).Pid;
        var membership = (await node.AddServiceAsync(TestWorker.Spec(NodeServices.Membership))).Pid;

        Runtime.Send(membership, TestWorker.Crash);

        await Eventually.True(
            async () => (await node.ServicesAsync())[1].Pid is { IsNone: false } now && now != membership,
            "membership was restarted");
        Assert.That((await node.ServicesAsync())[0].Pid, Is.EqualTo(acceptor));
    }

    [Test]
    public async Task RemoveService_Running_StopsAndForgetsIt()
    {
        await using var node = await NodeSupervisor.StartAsync(Runtime);
        var jobs = (await node.AddServiceAsync(TestWorker.Spec(NodeServices.JobExecutor))).Pid;

        Assert.That(await node.RemoveServiceAsync(NodeServices.JobExecutor), Is.EqualTo(SupervisorError.None));

        await Await.ExitedAsync(Runtime, jobs);
        Assert.That(await node.ServicesAsync(), Is.Empty);
    }

    [Test]
    public async Task DisposeAsync_Twice_StopsTheTreeOnce()
    {
        var node = await NodeSupervisor.StartAsync(Runtime);
        var service = (await node.AddServiceAsync(TestWorker.Spec(NodeServices.PluginManager))).Pid;

        await node.DisposeAsync();
        await node.DisposeAsync();

        Assert.That(Runtime.IsAlive(service), Is.False);
        await Await.ExitedAsync(Runtime, node.Pid);
    }
}
