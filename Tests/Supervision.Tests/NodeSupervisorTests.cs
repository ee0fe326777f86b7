using DistSys.Runtime;
using DistSys.Supervision.Tests.Support;

namespace DistSys.Supervision.Tests;

/// <summary>The node's root supervisor and its services.</summary>
public sealed class NodeSupervisorTests
{
    private ProcessRuntime _runtime = null!;

    [SetUp]
    public void SetUp() => _runtime = new ProcessRuntime();

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public async Task AddService_TwoServices_RegisteredRootSupervisesThemInOrder()
    {
        await using var node = await NodeSupervisor.StartAsync(_runtime);

        await node.AddServiceAsync(TestWorker.Spec(NodeServices.ConnectionAcceptor));
        await node.AddServiceAsync(TestWorker.Spec(NodeServices.Membership));

        Assert.That(_runtime.Whereis(NodeSupervisor.RegisteredName), Is.EqualTo(node.Pid));
        Assert.That((await node.ServicesAsync()).Select(s => s.Id), Is.EqualTo(new[] { NodeServices.ConnectionAcceptor, NodeServices.Membership }));
    }

    [Test]
    public async Task ServiceCrash_OneForOne_OnlyThatServiceRestarts()
    {
        await using var node = await NodeSupervisor.StartAsync(_runtime);
        var acceptor = (await node.AddServiceAsync(TestWorker.Spec(NodeServices.ConnectionAcceptor))).Pid;
        var membership = (await node.AddServiceAsync(TestWorker.Spec(NodeServices.Membership))).Pid;

        _runtime.Send(membership, TestWorker.Crash);

        await Eventually.True(
            async () => (await node.ServicesAsync())[1].Pid is { IsNone: false } now && now != membership,
            "membership was restarted");
        Assert.That((await node.ServicesAsync())[0].Pid, Is.EqualTo(acceptor));
    }

    [Test]
    public async Task RemoveService_Running_StopsAndForgetsIt()
    {
        await using var node = await NodeSupervisor.StartAsync(_runtime);
        var jobs = (await node.AddServiceAsync(TestWorker.Spec(NodeServices.JobExecutor))).Pid;

        Assert.That(await node.RemoveServiceAsync(NodeServices.JobExecutor), Is.EqualTo(SupervisorError.None));

        await Await.ExitedAsync(_runtime, jobs);
        Assert.That(await node.ServicesAsync(), Is.Empty);
    }

    [Test]
    public async Task DisposeAsync_Twice_StopsTheTreeOnce()
    {
        var node = await NodeSupervisor.StartAsync(_runtime);
        var service = (await node.AddServiceAsync(TestWorker.Spec(NodeServices.PluginManager))).Pid;

        await node.DisposeAsync();
        await node.DisposeAsync();

        Assert.That(_runtime.IsAlive(service), Is.False);
        await Await.ExitedAsync(_runtime, node.Pid);
    }
}
