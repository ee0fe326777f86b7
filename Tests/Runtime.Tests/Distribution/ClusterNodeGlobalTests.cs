using DistSys.Runtime.Tests.Distribution.Support;
using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests.Distribution;

public sealed class ClusterNodeGlobalTests
{
    [Test]
    public async Task WhereisGlobalAsync_NameRegisteredOnAnotherWorker_ResolvesToItsPid()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 2);
        var service = new Probe(cluster.Nodes[1].Runtime);

        Assert.That(await cluster.Nodes[1].RegisterGlobalAsync("job_scheduler", service.Pid), Is.True);
        var found = await cluster.Nodes[2].WhereisGlobalAsync("job_scheduler");
        cluster.Nodes[2].Runtime.Send(found!.Value, "hi");

        Assert.That(found, Is.EqualTo(service.Pid));
        Assert.That(await cluster.Master.WhereisGlobalAsync("job_scheduler"), Is.EqualTo(service.Pid));
        Assert.That(await service.ExpectAsync<string>(), Is.EqualTo("hi"));
    }

    [Test]
    public async Task RegisterGlobalAsync_TakenName_ReturnsFalseAndKeepsTheOwner()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 2);
        var first = new Probe(cluster.Nodes[1].Runtime).Pid;
        var second = new Probe(cluster.Nodes[2].Runtime).Pid;

        Assert.That(await cluster.Nodes[1].RegisterGlobalAsync("name", first), Is.True);
        Assert.That(await cluster.Nodes[2].RegisterGlobalAsync("name", second), Is.False);
        Assert.That(await cluster.Nodes[2].WhereisGlobalAsync("name"), Is.EqualTo(first));
    }

    [Test]
    public async Task RegisterGlobalAsync_OwnerNodeDies_NameReleasedAndReusable()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 2);
        var owner = new Probe(cluster.Nodes[1].Runtime).Pid;
        await cluster.Nodes[1].RegisterGlobalAsync("leader", owner);

        await cluster.KillAsync(cluster.Nodes[1]);

        await Eventually.True(async () => await cluster.Nodes[2].WhereisGlobalAsync("leader") is null, "the name is released");
        var next = new Probe(cluster.Nodes[2].Runtime).Pid;
        Assert.That(await cluster.Nodes[2].RegisterGlobalAsync("leader", next), Is.True);
    }

    [Test]
    public async Task RegisterGlobalAsync_OwnerProcessExits_NameReleased()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var owner = new Probe(cluster.Nodes[1].Runtime).Pid;
        await cluster.Nodes[1].RegisterGlobalAsync("short-lived", owner);

        cluster.Nodes[1].Runtime.Exit(owner, ExitReason.Kill);

        await Eventually.True(async () => await cluster.Master.WhereisGlobalAsync("short-lived") is null, "the name is released");
        Assert.That(await cluster.Nodes[1].UnregisterGlobalAsync("short-lived"), Is.False);
    }
}
