using DistSys.Runtime.Distribution;
using DistSys.Runtime.Tests.Distribution.Support;
using DistSys.Runtime.Tests.Support;
using DistSys.Transport.Handshake;
using DistSys.Transport.Security;

namespace DistSys.Runtime.Tests.Distribution;

public sealed class ClusterNodeMembershipTests
{
    [Test]
    public async Task JoinAsync_MasterAndTwoWorkers_EveryNodeSeesEveryOtherUp()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 2);

        foreach (var node in cluster.Nodes)
        {
            Assert.That(node.Members.Select(m => m.Name), Is.EquivalentTo(new[] { "master", "worker1", "worker2" }), node.Name);
            Assert.That(node.Members.All(m => m.IsUp), node.Name);
        }

        var worker = cluster.Nodes[1].Members.Single(m => m.Name == "worker2");
        Assert.That(worker.Role, Is.EqualTo(NodeRole.Worker));
        Assert.That(worker.Port, Is.EqualTo(cluster.Nodes[2].Port));
        Assert.That(cluster.Nodes[0].NodeId, Is.Not.EqualTo(cluster.Nodes[1].NodeId));
    }

    [Test]
    public async Task JoinAsync_EightNodes_FormFullMesh()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 7);

        foreach (var node in cluster.Nodes)
        {
            Assert.That(node.Members.Count(m => m.IsUp), Is.EqualTo(8), node.Name);
            Assert.That(node.Members.Where(m => m.Name != node.Name).All(m => m.LastHeartbeat is not null || m.IsUp), node.Name);
        }
    }

    [Test]
    public async Task JoinAsync_MasterRestartedOnItsPort_WorkerRejoinsTheNewMaster()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var port = cluster.Master.Port;
        await cluster.KillAsync(cluster.Master);

        var master = await cluster.StartAsync(new ClusterNodeOptions
        {
            Name = "master",
            Role = NodeRole.Master,
            Cookie = TestCluster.Cookie,
            ListenEndPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port),
        });

        await Eventually.True(() => master.Members.Any(m => m.Name == "worker1" && m.IsUp), "worker1 rejoined the new master");
        await Eventually.True(() => cluster.Nodes[1].Members.Any(m => m.Name == "master" && m.Incarnation == master.Incarnation && m.IsUp), "worker1 sees the new master");
    }

    [Test]
    public async Task JoinAsync_MasterGoneForGood_WorkerRejoinsAMasterItLearned()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var worker = cluster.Nodes[1];
        var other = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, FreePort.Next());
        worker.LearnMasters([new System.Net.DnsEndPoint("127.0.0.1", other.Port), new System.Net.DnsEndPoint("127.0.0.1", cluster.Master.Port)]);
        var first = cluster.Master.Port;
        var known = worker.KnownMasters.Select(m => m.Port).ToList();
        await cluster.KillAsync(cluster.Master);

        var master = await cluster.StartAsync(new ClusterNodeOptions { Name = "master", Role = NodeRole.Master, Cookie = TestCluster.Cookie, ListenEndPoint = other });

        await Eventually.True(() => master.Members.Any(m => m.Name == "worker1" && m.IsUp), "worker1 joined the master it learned");
        Assert.Multiple(() =>
        {
            Assert.That(known, Is.EqualTo(new[] { first, other.Port }), "the configured master first, each once");
            Assert.That(() => worker.LearnMasters([.. Enumerable.Range(1, ClusterNode.MaxLearnedMasters + 1).Select(p => new System.Net.DnsEndPoint("127.0.0.1", p))]), Throws.ArgumentException);
            Assert.That(() => worker.LearnMasters([new System.Net.DnsEndPoint("127.0.0.1", 0)]), Throws.ArgumentException);
            Assert.That(master.KnownMasters, Is.Empty);
        });
    }

    [Test]
    public async Task ConnectAsync_MasterDialsAWorker_WorkerBecomesAMember()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 0);
        var worker = await cluster.StartNodeAsync("registered", NodeRole.Worker);

        var member = await cluster.Master.ConnectAsync("127.0.0.1", worker.Port, CancellationToken.None).WaitAsync(Eventually.Liveness);

        Assert.That(member.Name, Is.EqualTo("registered"));
        Assert.That(member.Incarnation, Is.EqualTo(worker.Incarnation));
        await cluster.WaitForMeshAsync();
    }

    [Test]
    public async Task JoinAsync_WrongCookie_RefusedAndClusterUnchanged()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var before = cluster.Master.Members.Select(m => m.Name).ToList();

        var intruder = await cluster.StartNodeAsync("intruder", NodeRole.Worker, o => o with { Cookie = ClusterCookie.FromText("not-the-cookie") });
        var refused = Assert.ThrowsAsync<ClusterJoinException>(() => intruder.JoinAsync(CancellationToken.None).WaitAsync(Eventually.Liveness));

        Assert.That(refused!.Outcome, Is.EqualTo(HandshakeOutcome.RefusedAuth));
        Assert.That(refused.Message, Does.Contain("cookie rejected"));
        Assert.That(cluster.Master.Members.Select(m => m.Name), Is.EquivalentTo(before));
        Assert.That(cluster.Nodes[1].Members.Select(m => m.Name), Is.EquivalentTo(before));
    }

    [Test]
    public async Task LeaveAsync_Worker_PeersRecordLeftNotFailed()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 2);
        var leaver = cluster.Nodes[2];
        var watcher = new Probe(cluster.Nodes[1].Runtime);
        cluster.Nodes[1].MonitorNodes(watcher.Pid);

        await leaver.LeaveAsync(CancellationToken.None).WaitAsync(Eventually.Liveness);
        cluster.MarkStopped(leaver);

        var down = await watcher.ExpectAsync<NodeDown>();
        Assert.That(down, Is.EqualTo(new NodeDown("worker2", NodeDownReason.Left)));
        Assert.That(down.IsFailure, Is.False);
        await Eventually.True(() => cluster.Master.Members.Single(m => m.Name == "worker2").State == MemberState.Left, "the master records worker2 as left");
        Assert.That(cluster.Master.Counters.NodesDown, Is.Zero);
        Assert.That(cluster.Nodes[1].Counters.NodesDown, Is.Zero);
        Assert.That(cluster.Nodes[1].Counters.NodesLeft, Is.EqualTo(1));
    }

    [Test]
    public async Task JoinAsync_RestartedWithSameName_RejoinsAsNewIncarnationAndOldPidIsRefused()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var first = cluster.Nodes[1];
        var oldPid = new Probe(first.Runtime).Pid;
        await cluster.KillAsync(first);
        await Eventually.True(() => cluster.Master.Members.Single(m => m.Name == "worker1").State == MemberState.Down, "the master sees worker1 down");

        var second = await cluster.StartWorkerAsync("worker1");
        var newProbe = new Probe(second.Runtime);
        await cluster.WaitForMeshAsync();

        Assert.That(second.Incarnation, Is.Not.EqualTo(first.Incarnation));
        Assert.That(second.NodeId, Is.EqualTo(first.NodeId));
        var stale = cluster.Master.Counters.StaleIncarnation;
        cluster.Master.Runtime.Send(new Pid(oldPid.Node, oldPid.Incarnation, newProbe.Pid.Id), "to the old incarnation");
        cluster.Master.Runtime.Send(newProbe.Pid, "to the new incarnation");

        Assert.That(await newProbe.ExpectAsync<string>(), Is.EqualTo("to the new incarnation"));
        Assert.That(cluster.Master.Counters.StaleIncarnation, Is.EqualTo(stale + 1));
    }
}
