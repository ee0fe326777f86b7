using DistSys.Runtime.Distribution;
using DistSys.Runtime.Tests.Distribution.Support;
using DistSys.Runtime.Tests.Support;
using DistSys.Transport.Framing;
using MessagePack;

namespace DistSys.Runtime.Tests.Distribution;

public sealed class ClusterNodeMessagingTests
{
    [Test]
    public async Task Send_100kMessagesToRemotePid_ArriveInOrder()
    {
        const int count = 100_000;
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var (master, worker) = (cluster.Master, cluster.Nodes[1]);
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var expected = 0;
        var receiver = worker.Runtime.Spawn((_, message) =>
        {
            if (message is not int value || value != expected)
            {
                done.TrySetException(new AssertionException($"expected {expected}, got {message}"));
                return;
            }

            if (++expected == count)
            {
                done.TrySetResult(expected);
            }
        });
        var sender = master.Runtime.Spawn((context, message) =>
        {
            for (var i = 0; i < count; i++)
            {
                context.Send(receiver, i);
            }
        });

        master.Runtime.Send(sender, "go");

        Assert.That(await Eventually.Within(done.Task), Is.EqualTo(count));
        Assert.That(master.Counters.MessagesDropped, Is.Zero);
    }

    [Test]
    public async Task Send_RightAfterJoinBeforeTheMeshConnectionExists_ArrivesInOrder()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var probe = new Probe(cluster.Nodes[1].Runtime);

        // worker1 < worker2, so worker2 waits to be dialled: these wait in worker2's backlog meanwhile.
        var late = await cluster.StartWorkerAsync("worker2");
        for (var i = 0; i < 1000; i++)
        {
            late.Runtime.Send(probe.Pid, i);
        }

        for (var i = 0; i < 1000; i++)
        {
            Assert.That(await probe.ExpectAsync<int>(), Is.EqualTo(i));
        }
    }

    [Test]
    public async Task Send_PingPongBetweenNodes_EachReplyComesBack()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var ponger = cluster.Nodes[1].Runtime.Spawn((context, message) =>
        {
            if (message is Ping ping)
            {
                context.Send(ping.From, new Pong(ping.Sequence));
            }
        });
        cluster.Nodes[1].MessageTypes.Register<Ping>(100);
        cluster.Nodes[1].MessageTypes.Register<Pong>(101);
        cluster.Master.MessageTypes.Register<Ping>(100);
        cluster.Master.MessageTypes.Register<Pong>(101);
        var pinger = new Probe(cluster.Master.Runtime);

        for (var i = 0; i < 3; i++)
        {
            cluster.Master.Runtime.Send(ponger, new Ping(pinger.Pid, i));
            Assert.That(await pinger.ExpectAsync<Pong>(), Is.EqualTo(new Pong(i)));
        }
    }

    [Test]
    public async Task Send_RawBytesStringAndCast_ArriveAsSent()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var probe = new Probe(cluster.Nodes[1].Runtime);

        cluster.Master.Runtime.Send(probe.Pid, new byte[] { 1, 2, 3 });
        cluster.Master.Runtime.Send(probe.Pid, "text");
        cluster.Master.Runtime.Cast(probe.Pid, 42L);

        Assert.That(await probe.ExpectAsync<byte[]>(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(await probe.ExpectAsync<string>(), Is.EqualTo("text"));
        Assert.That(await probe.ExpectAsync<CastMessage>(), Is.EqualTo(new CastMessage(42L)));
    }

    [Test]
    public async Task Send_UnregisteredType_ThrowsNamingTheType()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var probe = new Probe(cluster.Nodes[1].Runtime);

        var error = Assert.Throws<InvalidOperationException>(() => cluster.Master.Runtime.Send(probe.Pid, new Unregistered(1)));

        Assert.That(error!.Message, Does.Contain(nameof(Unregistered)).And.Contain("MessageTypes.Register"));
    }

    [Test]
    public async Task Send_ToUnreachableNode_DroppedCountedAndSenderNotBlocked()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var worker = cluster.Nodes[1];
        var pid = new Probe(worker.Runtime).Pid;
        await cluster.KillAsync(worker);
        await Eventually.True(() => cluster.Master.Members.Single(m => m.Name == "worker1").State == MemberState.Down, "worker1 is down");
        var before = cluster.Master.Counters.MessagesDropped;

        for (var i = 0; i < 10_000; i++)
        {
            cluster.Master.Runtime.Send(pid, i);
        }

        Assert.That(cluster.Master.Counters.MessagesDropped - before, Is.EqualTo(10_000));
    }

    [Test]
    public async Task OnFrame_UndecodablePayload_DroppedCountedAndConnectionKept()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 0);
        var probe = new Probe(cluster.Master.Runtime);
        await using var rogue = await RawMember.ConnectAsync(cluster.Master.ListenEndPoint!, "rogue", 9);
        var target = (ulong)probe.Pid.Id;

        rogue.TrySend(new FrameHeader(FrameKind.Message, FrameFlags.MessagePack, target, 0, 0), [0xC1, 0xFF, 0x00]);
        rogue.TrySend(new FrameHeader(FrameKind.Message, FrameFlags.MessagePack, target, 0, 0), MessagePackSerializer.Serialize(12_345));
        rogue.TrySend(new FrameHeader(FrameKind.Message, FrameFlags.Raw, target, 0, 0), [42]);

        Assert.That(await probe.ExpectAsync<byte[]>(), Is.EqualTo(new byte[] { 42 }));
        Assert.That(cluster.Master.Counters.MessagesDropped, Is.EqualTo(2));
        Assert.That(cluster.Master.Members.Single(m => m.Name == "rogue").IsUp);
    }

    [Test]
    public void Register_TagBelowUserRangeOrReused_Throws()
    {
        var types = new MessageTypes();

        Assert.Throws<ArgumentOutOfRangeException>(() => types.Register<Ping>(5));
        types.Register<Ping>(100);
        types.Register<Ping>(100);
        Assert.Throws<InvalidOperationException>(() => types.Register<Pong>(100));
        Assert.Throws<InvalidOperationException>(() => types.Register<Ping>(101));
    }

    [MessagePackObject]
    public sealed record Ping([property: Key(0)] Pid From, [property: Key(1)] int Sequence);

    [MessagePackObject]
    public sealed record Pong([property: Key(0)] int Sequence);

    public sealed record Unregistered(int Value);
}
