using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessRuntimeIntrospectionTests : RuntimeFixture
{
    [Test]
    public async Task ProcessCount_SpawnAndExit_Tracked()
    {
        var a = Runtime.Spawn((_, _) => { });
        var b = Runtime.Spawn((_, _) => { });
        Assert.That(Runtime.ProcessCount, Is.EqualTo(2));
        Assert.That(Runtime.Processes(), Is.EquivalentTo(new[] { a, b }));
        Runtime.Exit(a, ExitReason.Kill);
        await Eventually.True(() => Runtime.ProcessCount == 1, "one is left");
        Assert.That((Runtime.SpawnedCount, Runtime.ExitedCount), Is.EqualTo((2L, 1L)));
    }

    [Test]
    public async Task GetInfo_BlockedProcess_ShowsMailboxLengthAndStatus()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pid = Runtime.Spawn(async (_, _) => await gate.Task, new SpawnOptions { TrapExit = true });
        Assert.That(Runtime.GetInfo(pid)!.Value.Status, Is.EqualTo(ProcessStatus.Waiting));
        for (var i = 0; i < 11; i++)
        {
            Runtime.Send(pid, i);
        }

        await Eventually.True(() => Runtime.GetInfo(pid)?.Status == ProcessStatus.Suspended, "the first message blocks it");
        var info = Runtime.GetInfo(pid)!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(info.MailboxLength, Is.EqualTo(10));
            Assert.That(info.MessagesHandled, Is.EqualTo(1));
            Assert.That(info.TrapExit, Is.True);
            Assert.That(info.Behaviour, Is.EqualTo("LambdaBehaviour"));
        });
        gate.SetResult();
        await Eventually.True(() => Runtime.GetInfo(pid) is { MailboxLength: 0, MessagesHandled: 11, Status: ProcessStatus.Waiting }, "drained");
    }

    [Test]
    public void GetInfo_UnknownPid_Null()
    {
        Assert.That(Runtime.GetInfo(new Pid(Runtime.NodeId, Runtime.Incarnation, Pid.MakeId(99, 1))), Is.Null);
        Assert.That(Runtime.GetInfo(new Pid(Runtime.NodeId + 1, 1, 1)), Is.Null);
    }

    [Test]
    public void Spawn_100kIdleProcesses_AtMost400BytesEach()
    {
        const int count = 100_000;
        using var runtime = new ProcessRuntime();
        Action<ProcessContext, object> handler = static (_, _) => { };
        runtime.Spawn(handler); // the first chunk of the process table is not what we measure

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < count; i++)
        {
            runtime.Spawn(handler);
        }

        var perProcess = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)count;
        TestContext.Out.WriteLine($"{perProcess:F1} B per idle process");
        Assert.That(perProcess, Is.LessThanOrEqualTo(400));
        Assert.That(runtime.ProcessCount, Is.EqualTo(count + 1));
    }

    [Test]
    public async Task Top_ByMailboxAndHandled_HighestFirstAndBounded()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var idle = Enumerable.Range(0, 50).Select(_ => Runtime.Spawn((_, _) => { })).ToList();
        var blocked = Enumerable.Range(0, 3).Select(_ => Runtime.Spawn(async (_, _) => await gate.Task)).ToList();
        for (var b = 0; b < blocked.Count; b++)
        {
            for (var i = 0; i < 10 * (b + 1) + 1; i++)
            {
                Runtime.Send(blocked[b], i);
            }
        }

        var busy = Runtime.Spawn((_, _) => { });
        for (var i = 0; i < 500; i++)
        {
            Runtime.Send(busy, i);
        }

        await Eventually.True(() => Runtime.GetInfo(busy)?.MessagesHandled == 500 && blocked.All(p => Runtime.GetInfo(p)?.Status == ProcessStatus.Suspended),
            "the busy process drained, the blocked ones hold their first message");

        var byMailbox = Runtime.Top(ProcessRanking.MailboxLength, 2);
        Assert.That(byMailbox.Select(p => (p.Pid, p.MailboxLength)), Is.EqualTo(new[] { (blocked[2], 30), (blocked[1], 20) }));
        Assert.That(Runtime.Top(ProcessRanking.MessagesHandled, 1).Single().Pid, Is.EqualTo(busy));
        var byBytes = Runtime.Top(ProcessRanking.MailboxBytes, 4);
        Assert.That(byBytes[0].Pid, Is.EqualTo(busy), "its rings grew to hold 500 messages and are kept for reuse");
        Assert.That(byBytes[0].MailboxBytes, Is.GreaterThan(256 * IntPtr.Size));
        Assert.That(Runtime.GetInfo(blocked[2])!.Value.MailboxBytes, Is.GreaterThan(Runtime.GetInfo(blocked[0])!.Value.MailboxBytes), "30 queued need bigger rings than 10");
        Assert.That(Runtime.GetInfo(idle[0])!.Value.MailboxBytes, Is.Zero, "a process never sent anything has no ring");
        Assert.That(Runtime.Top(ProcessRanking.MailboxLength, 1000), Has.Count.EqualTo(Runtime.ProcessCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Top(ProcessRanking.MailboxLength, ProcessRuntime.MaxTop + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Top(ProcessRanking.MailboxLength, 0));
        gate.SetResult();
    }
}
