using DistSys.Runtime.Distribution;
using DistSys.Runtime.Tests.Distribution.Support;
using DistSys.Runtime.Tests.Support;
using MessagePack;

namespace DistSys.Runtime.Tests.Distribution;

public sealed class ClusterNodeSpawnTests
{
    [Test]
    public async Task SpawnAsync_RegisteredBehaviourWithArgs_RunsOnTheOtherNode()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var worker = cluster.Nodes[1];
        worker.Behaviours.Register<Greeting>("greeter", args => new Greeter(args));
        var probe = new Probe(cluster.Master.Runtime);

        var pid = await cluster.Master.SpawnAsync("worker1", "greeter", new Greeting(probe.Pid, "hello"), TimeSpan.FromSeconds(10));

        Assert.That(pid.Node, Is.EqualTo(worker.NodeId));
        Assert.That(worker.Runtime.IsAlive(pid));
        Assert.That(await probe.ExpectAsync<string>(), Is.EqualTo("hello from worker1"));
    }

    [Test]
    public async Task SpawnAsync_UnknownBehaviour_ThrowsWithTheRemoteReason()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);

        var error = Assert.ThrowsAsync<RemoteSpawnException>(() => cluster.Master.SpawnAsync("worker1", "nope", null, TimeSpan.FromSeconds(10)));

        Assert.That(error!.Reason, Does.Contain("no behaviour named 'nope'"));
    }

    [Test]
    public async Task SpawnAsync_WithLink_RemoteExitReachesTheLinkedRequester()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        cluster.Nodes[1].Behaviours.Register("idle", () => new Idle());
        var requester = new Probe(cluster.Master.Runtime, new SpawnOptions { TrapExit = true });

        var pid = await cluster.Master.SpawnAsync("worker1", "idle", null, TimeSpan.FromSeconds(10), link: requester.Pid);
        await Eventually.True(() => cluster.Master.Runtime.GetInfo(requester.Pid)?.Links == 1, "the requester is linked");
        cluster.Nodes[1].Runtime.Exit(pid, ExitReason.Custom("stopped"));

        Assert.That(await requester.ExpectAsync<ExitMessage>(), Is.EqualTo(new ExitMessage(pid, ExitReason.Custom("stopped"))));
    }

    [Test]
    public async Task SpawnMonitorAsync_RemoteProcessExits_WatcherGetsDownWithItsReason()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        cluster.Nodes[1].Behaviours.Register("idle", () => new Idle());
        var watcher = new Probe(cluster.Master.Runtime);

        var (pid, reference) = await cluster.Master.SpawnMonitorAsync("worker1", "idle", null, watcher.Pid, TimeSpan.FromSeconds(10));
        await Eventually.True(() => cluster.Nodes[1].Runtime.GetInfo(pid)?.Monitors == 1, "the new process is monitored");
        cluster.Nodes[1].Runtime.Exit(pid, ExitReason.Custom("done"));

        Assert.That(await watcher.ExpectAsync<Down>(), Is.EqualTo(new Down(reference, pid, ExitReason.Custom("done"))));
    }

    [Test]
    public async Task SpawnMonitorAsync_NodeDies_WatcherGetsDownNoConnection()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        cluster.Nodes[1].Behaviours.Register("idle", () => new Idle());
        var watcher = new Probe(cluster.Master.Runtime);
        var (pid, reference) = await cluster.Master.SpawnMonitorAsync("worker1", "idle", null, watcher.Pid, TimeSpan.FromSeconds(10));
        await Eventually.True(() => cluster.Nodes[1].Runtime.GetInfo(pid)?.Monitors == 1, "the new process is monitored");

        await cluster.KillAsync(cluster.Nodes[1]);

        Assert.That(await watcher.ExpectAsync<Down>(), Is.EqualTo(new Down(reference, pid, ExitReason.NoConnection)));
    }

    [Test]
    public async Task SpawnAsync_UnknownNode_Throws()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 0);

        Assert.ThrowsAsync<RemoteSpawnException>(() => cluster.Master.SpawnAsync("nowhere", "idle", null, TimeSpan.FromSeconds(1)));
    }

    [MessagePackObject]
    public sealed record Greeting([property: Key(0)] Pid ReplyTo, [property: Key(1)] string Text);

    private sealed class Greeter(Greeting greeting) : Behaviour
    {
        protected internal override ValueTask InitAsync(ProcessContext context)
        {
            context.Send(greeting.ReplyTo, $"{greeting.Text} from worker1");
            return default;
        }

        protected internal override ValueTask ReceiveAsync(ProcessContext context, object message) => default;
    }

    private sealed class Idle : Behaviour
    {
        protected internal override ValueTask ReceiveAsync(ProcessContext context, object message) => default;
    }
}
