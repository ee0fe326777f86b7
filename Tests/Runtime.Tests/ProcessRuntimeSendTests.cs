using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessRuntimeSendTests : RuntimeFixture
{
    [Test]
    public async Task Send_ManySendersConcurrently_EachPairArrivesInOrder()
    {
        const int senders = 4;
        const int perSender = 20_000;
        var last = new int[senders];
        var outOfOrder = 0;
        var received = 0;
        var sink = Runtime.Spawn((_, message) =>
        {
            var (sender, seq) = ((int, int))message;
            if (seq != last[sender] + 1)
            {
                outOfOrder++;
            }

            last[sender] = seq;
            received++;
        });

        var tasks = Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (var i = 1; i <= perSender; i++)
            {
                Runtime.Send(sink, (s, i));
            }
        }));
        await Task.WhenAll(tasks);
        await Eventually.True(() => Volatile.Read(ref received) == senders * perSender, "every message arrived");
        Assert.That(outOfOrder, Is.Zero);
    }

    [Test]
    public void Send_DeadProcess_DroppedAndCounted()
    {
        var pid = Runtime.Spawn((_, _) => { });
        Runtime.Exit(pid, ExitReason.Kill);
        SpinWait.SpinUntil(() => !Runtime.IsAlive(pid), Eventually.Liveness);
        Runtime.Send(pid, "nobody");
        Assert.That(Runtime.UndeliverableMessages, Is.EqualTo(1));
    }

    [Test]
    public void Send_PidOfPreviousIncarnation_NeverReachesNewProcess()
    {
        using var before = new ProcessRuntime(new ProcessRuntimeOptions { NodeId = 3, Incarnation = 1 });
        using var after = new ProcessRuntime(new ProcessRuntimeOptions { NodeId = 3, Incarnation = 2 });
        var received = 0;
        var old = before.Spawn((_, _) => { });
        var current = after.Spawn((_, _) => Interlocked.Increment(ref received));
        Assert.That(current.Id, Is.EqualTo(old.Id), "same slot and generation on the restarted node");

        after.Send(old, "from the past");
        Assert.Multiple(() =>
        {
            Assert.That(after.UndeliverableMessages, Is.EqualTo(1));
            Assert.That(after.GetInfo(current)!.Value.MailboxLength, Is.Zero);
            Assert.That(received, Is.Zero);
        });
    }

    [Test]
    public async Task Send_ByName_ReachesRegisteredProcess()
    {
        var probe = new Probe(Runtime, new SpawnOptions { Name = "probe" });
        Assert.That(Runtime.Send("probe", "hi"), Is.True);
        Assert.That(await probe.ExpectAsync<string>(), Is.EqualTo("hi"));
        Assert.That(Runtime.Send("nobody", "hi"), Is.False);
    }

    [Test]
    public async Task Send_BoundedMailboxFull_DropsNewestAndCounts()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new Probe(Runtime);
        var pid = Runtime.Spawn(
            async (context, message) =>
            {
                await gate.Task;
                context.Send(probe.Pid, message);
            },
            new SpawnOptions { MailboxCapacity = 3 });

        Runtime.Send(pid, 0); // taken by the handler, which then blocks
        await Eventually.True(() => Runtime.GetInfo(pid)!.Value.Status == ProcessStatus.Suspended, "the handler blocks");
        for (var i = 1; i <= 5; i++)
        {
            Runtime.Send(pid, i);
        }

        var info = Runtime.GetInfo(pid)!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(info.MailboxLength, Is.EqualTo(3));
            Assert.That(info.MessagesDropped, Is.EqualTo(2));
            Assert.That(Runtime.DroppedMessages, Is.EqualTo(2));
        });

        gate.SetResult();
        for (var i = 0; i <= 3; i++)
        {
            Assert.That(await probe.ExpectAsync<int>(), Is.EqualTo(i), "the oldest messages are kept");
        }
    }

    [Test]
    public async Task Send_PreallocatedMessageSteadyState_SenderAllocatesNothing()
    {
        var message = new object();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = 0;
        var sink = Runtime.Spawn(async (_, m) =>
        {
            if (m == (object)gate)
            {
                await gate.Task;
                return;
            }

            Interlocked.Increment(ref received);
        });

        // Warm-up: 3 000 messages queue up behind a blocked handler, so the mailbox grows a ring of
        // 2 048 slots, more than the measured burst needs; growth is the only allocation a mailbox makes.
        Runtime.Send(sink, gate);
        for (var i = 0; i < 3_000; i++)
        {
            Runtime.Send(sink, message);
        }

        gate.SetResult();
        await Eventually.True(() => Volatile.Read(ref received) == 3_000, "warm-up delivered");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            Runtime.Send(sink, message);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        await Eventually.True(() => Volatile.Read(ref received) == 4_000, "all delivered");
    }

    [Test]
    public void Send_NullMessage_Throws()
    {
        var pid = Runtime.Spawn((_, _) => { });
        Assert.Throws<ArgumentNullException>(() => Runtime.Send(pid, null!));
    }
}
