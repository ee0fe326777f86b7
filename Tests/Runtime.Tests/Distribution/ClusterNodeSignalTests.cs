using System.Diagnostics;
using DistSys.Runtime.Distribution;
using DistSys.Runtime.Tests.Distribution.Support;
using DistSys.Runtime.Tests.Support;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Tests.Distribution;

public sealed class ClusterNodeSignalTests
{
    [Test]
    public async Task Link_RemoteProcessExits_LinkedTrapperGetsItsReason()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var remote = new Probe(cluster.Nodes[1].Runtime);
        var local = new Probe(cluster.Master.Runtime, new SpawnOptions { TrapExit = true });
        await local.RunAsync(context => context.Link(remote.Pid));
        await Eventually.True(() => cluster.Nodes[1].Runtime.GetInfo(remote.Pid)?.Links == 1, "the remote side holds the link");

        cluster.Nodes[1].Runtime.Exit(remote.Pid, ExitReason.Custom("boom"));

        var exit = await local.ExpectAsync<ExitMessage>();
        Assert.That(exit.From, Is.EqualTo(remote.Pid));
        Assert.That(exit.Reason, Is.EqualTo(ExitReason.Custom("boom")));
    }

    [Test]
    public async Task Monitor_RemoteProcessExitsThenDemonitor_DownOnceWithReason()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var remote = new Probe(cluster.Nodes[1].Runtime);
        var watcher = new Probe(cluster.Master.Runtime);
        var reference = await watcher.RunAsync(context => context.Monitor(remote.Pid));
        await Eventually.True(() => cluster.Nodes[1].Runtime.GetInfo(remote.Pid)?.Monitors == 1, "the remote side holds the monitor");

        cluster.Nodes[1].Runtime.Exit(remote.Pid, ExitReason.Shutdown);

        var down = await watcher.ExpectAsync<Down>();
        Assert.That(down, Is.EqualTo(new Down(reference, remote.Pid, ExitReason.Shutdown)));
    }

    [Test]
    public async Task Monitor_RemotePidThatDoesNotExist_DownNoProc()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var gone = new Probe(cluster.Nodes[1].Runtime).Pid;
        cluster.Nodes[1].Runtime.Exit(gone, ExitReason.Kill);
        await Await.ExitedAsync(cluster.Nodes[1].Runtime, gone);
        var watcher = new Probe(cluster.Master.Runtime);

        await watcher.RunAsync(context => context.Monitor(gone));

        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.NoProc));
    }

    [Test]
    public async Task NodeKilled_LinksMonitorsAndNodeMonitors_FireNoConnectionWithinLiveness()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 2, o => o with { FailureTimeout = TimeSpan.FromSeconds(2) });
        var victim = cluster.Nodes[2];
        var remote = new Probe(victim.Runtime);
        var linked = new Probe(cluster.Master.Runtime, new SpawnOptions { TrapExit = true });
        var watcher = new Probe(cluster.Nodes[1].Runtime);
        var nodeWatcher = new Probe(cluster.Nodes[1].Runtime);
        cluster.Nodes[1].MonitorNodes(nodeWatcher.Pid);
        await linked.RunAsync(context => context.Link(remote.Pid));
        var reference = await watcher.RunAsync(context => context.Monitor(remote.Pid));
        await Eventually.True(() => victim.Runtime.GetInfo(remote.Pid) is { Links: 1, Monitors: 1 }, "the link and monitor reached the victim");

        var clock = Stopwatch.StartNew();
        await cluster.KillAsync(victim);

        Assert.That(await linked.ExpectAsync<ExitMessage>(), Is.EqualTo(new ExitMessage(remote.Pid, ExitReason.NoConnection)));
        Assert.That(await watcher.ExpectAsync<Down>(), Is.EqualTo(new Down(reference, remote.Pid, ExitReason.NoConnection)));
        var nodeDown = await nodeWatcher.ExpectAsync<NodeDown>();
        var elapsed = clock.Elapsed;
        Assert.That(nodeDown.Node, Is.EqualTo("worker2"));
        Assert.That(nodeDown.IsFailure);
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "liveness bound");
        TestContext.Out.WriteLine($"node down observed after {elapsed.TotalMilliseconds:F0} ms");
        await Eventually.True(() => cluster.Nodes[1].Members.Single(m => m.Name == "worker2").State == MemberState.Down, "worker1's view shows worker2 down");
    }

    [Test]
    public async Task OnFrame_SignalOnBehalfOfAnotherNode_ClosesThatConnectionOnly()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var victim = new Probe(cluster.Master.Runtime, new SpawnOptions { TrapExit = true });
        await using var rogue = await RawMember.ConnectAsync(cluster.Master.ListenEndPoint!, "rogue", 9);
        await Eventually.True(() => cluster.Master.Members.Any(m => m.Name == "rogue" && m.IsUp), "the rogue member is up");
        var forged = new WirePid("worker1", 1, (uint)cluster.Nodes[1].Incarnation);
        var target = new WirePid("master", (ulong)victim.Pid.Id, (uint)victim.Pid.Incarnation);

        rogue.TrySend(new FrameHeader(FrameKind.Exit, FrameFlags.Raw, 0, 0, 0), new WireExit(forged, target, WireExitReason.Kill));

        await Eventually.True(() => cluster.Master.Members.Single(m => m.Name == "rogue").State == MemberState.Down, "the rogue connection is closed");
        Assert.That(cluster.Master.Runtime.IsAlive(victim.Pid));
        Assert.That(cluster.Master.Members.Single(m => m.Name == "worker1").IsUp);
        Assert.That(victim.Drain(), Is.Empty);
    }

    [Test]
    public async Task Link_ToNodeThatIsDown_ExitsNoConnectionAtOnce()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var worker = cluster.Nodes[1];
        var remote = new Probe(worker.Runtime).Pid;
        await cluster.KillAsync(worker);
        await Eventually.True(() => cluster.Master.Members.Single(m => m.Name == "worker1").State == MemberState.Down, "worker1 is down");
        var linker = new Probe(cluster.Master.Runtime, new SpawnOptions { TrapExit = true });

        await linker.RunAsync(context => context.Link(remote));

        Assert.That((await linker.ExpectAsync<ExitMessage>()).Reason, Is.EqualTo(ExitReason.NoConnection));
    }
}
