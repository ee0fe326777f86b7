using System.Diagnostics;
using DistSys.Runtime.Distribution;
using DistSys.Runtime.Tests.Distribution.Support;
using DistSys.Runtime.Tests.Support;
using DistSys.Transport.Connections;

namespace DistSys.Runtime.Tests.Distribution;

/// <summary>
/// A member that is declared down or loses one connection while alive must come back: the faults are
/// injected on one node (its detector "fires", or a socket breaks) and every view must converge to all-up.
/// </summary>
public sealed class ClusterNodeHealingTests
{
    // A liveness limit, not a speed claim: healing takes a few backoff rounds (100 ms doubling) at most.
    private static readonly TimeSpan Heal = TimeSpan.FromSeconds(15);

    // The master's detector fires on worker2, or worker2's fires on the master (it then closes the
    // connection, the master sees it lost and declares worker2 down): either way a live member is down.
    [TestCase("master", "worker2")]
    [TestCase("worker2", "master")]
    public async Task FalseDown_MasterDeclaresALiveWorkerDown_ViewsConvergeToAllUpEverywhere(string detector, string suspect)
    {
        await using var cluster = await TestCluster.StartAsync(workers: 3);
        var (worker1, worker2) = (cluster.Nodes[1], cluster.Nodes[2]);
        var watcher = new Probe(worker1.Runtime);
        worker1.MonitorNodes(watcher.Pid);
        var receiver = new Probe(worker2.Runtime);
        var clock = Stopwatch.StartNew();

        Assert.That(cluster.Nodes.Single(n => n.Name == detector).InjectConnectionLoss(suspect, CloseReason.Timeout), Is.True);

        Assert.That(await watcher.ExpectAsync<NodeDown>(), Is.EqualTo(new NodeDown("worker2", NodeDownReason.ReportedByMaster)));
        Assert.That(await watcher.ExpectAsync<NodeUp>(), Is.EqualTo(new NodeUp("worker2")));
        await cluster.WaitForMeshAsync(Heal);
        TestContext.Out.WriteLine($"views converged {clock.Elapsed.TotalMilliseconds:F0} ms after the false down");
        Assert.That(cluster.Master.Counters.NodesDown, Is.EqualTo(1), "the false down did happen");
        Assert.That(cluster.Master.Members.Single(m => m.Name == "worker2").Incarnation, Is.EqualTo(worker2.Incarnation), "same incarnation");

        // Pids of the member stay valid: the same incarnation is reachable again from everywhere.
        foreach (var node in cluster.Nodes.Where(n => n != worker2))
        {
            node.Runtime.Send(receiver.Pid, node.Name);
            Assert.That(await receiver.ExpectAsync<string>(), Is.EqualTo(node.Name));
        }
    }

    [TestCase("worker1", "worker2")]
    [TestCase("worker2", "worker1")]
    public async Task ConnectionLoss_BetweenTwoWorkersTheMasterListsUp_DiallerRedialsAndMessagesFlowAgain(string losing, string other)
    {
        await using var cluster = await TestCluster.StartAsync(workers: 2);
        var (node, peer) = (cluster.Nodes.Single(n => n.Name == losing), cluster.Nodes.Single(n => n.Name == other));
        var watcher = new Probe(peer.Runtime);
        peer.MonitorNodes(watcher.Pid);
        var receiver = new Probe(node.Runtime);

        Assert.That(node.InjectConnectionLoss(other, CloseReason.Timeout), Is.True);

        Assert.That(await watcher.ExpectAsync<NodeDown>(), Is.EqualTo(new NodeDown(losing, NodeDownReason.ConnectionLost)));
        Assert.That(await watcher.ExpectAsync<NodeUp>(), Is.EqualTo(new NodeUp(losing)));
        await cluster.WaitForMeshAsync(Heal);
        Assert.That(cluster.Master.Counters.NodesDown, Is.Zero, "the master never saw a failure");
        peer.Runtime.Send(receiver.Pid, "after the partition");
        Assert.That(await receiver.ExpectAsync<string>(), Is.EqualTo("after the partition"));
    }

    [Test]
    public async Task ReportedByMaster_PeerWithALiveConnection_MastersViewWinsLinkFiresNoconnectionThenRelinks()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 2);
        var (worker1, worker2) = (cluster.Nodes[1], cluster.Nodes[2]);
        // Both ends trap exits, so both survive the noconnection and can link again.
        var remote = new Probe(worker2.Runtime, new SpawnOptions { TrapExit = true });
        var linked = new Probe(worker1.Runtime, new SpawnOptions { TrapExit = true });
        await linked.RunAsync(context => context.Link(remote.Pid));
        await Eventually.True(() => worker2.Runtime.GetInfo(remote.Pid)?.Links == 1, "worker2 holds the link");

        // worker1's connection to worker2 is healthy; only the master's view says worker2 is down.
        Assert.That(cluster.Master.InjectConnectionLoss("worker2", CloseReason.Timeout), Is.True);

        Assert.That(await linked.ExpectAsync<ExitMessage>(), Is.EqualTo(new ExitMessage(remote.Pid, ExitReason.NoConnection)));
        Assert.That(await remote.ExpectAsync<ExitMessage>(), Is.EqualTo(new ExitMessage(linked.Pid, ExitReason.NoConnection)));
        await cluster.WaitForMeshAsync(Heal);
        await linked.RunAsync(context => context.Link(remote.Pid));
        await Eventually.True(() => worker2.Runtime.GetInfo(remote.Pid)?.Links == 1, "the link is made again over the new connection", Heal);
        worker2.Runtime.Exit(remote.Pid, ExitReason.Kill); // a trapping process dies only of kill
        Assert.That(await linked.ExpectAsync<ExitMessage>(), Is.EqualTo(new ExitMessage(remote.Pid, ExitReason.Killed)));
    }

    [Test]
    public async Task InjectConnectionLoss_SeededLossesOverlappingTheirHealing_ViewsConvergeToAllUp()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 4);
        var random = new Random(20261123);
        var injected = 0;
        for (var round = 0; round < 40; round++)
        {
            var node = cluster.Nodes[random.Next(cluster.Nodes.Count)];
            var target = cluster.Nodes[random.Next(cluster.Nodes.Count)];
            var reason = random.Next(2) == 0 ? CloseReason.Timeout : CloseReason.TransportError;
            var downs = node.Counters.NodesDown;
            if (node == target || !node.InjectConnectionLoss(target.Name, reason))
            {
                continue;
            }

            // Only until this node has handled the loss: the next fault lands while the cluster is still healing.
            injected++;
            await Eventually.True(() => node.Counters.NodesDown > downs, $"{node.Name} handled the loss of {target.Name}");
        }

        await cluster.WaitForMeshAsync(Heal);
        Assert.That(injected, Is.GreaterThan(10), "enough faults landed");
        TestContext.Out.WriteLine($"{injected} connection losses injected; views converged");
    }
}
