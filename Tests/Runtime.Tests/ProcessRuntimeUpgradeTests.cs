using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessRuntimeUpgradeTests : RuntimeFixture
{
    [Test]
    public async Task UpgradeAsync_Migration_KeepsPidNameLinksMonitorsMailboxAndState()
    {
        var watcher = new Probe(Runtime);
        var linked = new Probe(Runtime, new SpawnOptions { TrapExit = true });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pid = Runtime.Spawn(new CounterV1(gate.Task), new SpawnOptions { Name = "counter" });
        await watcher.RunAsync(c => c.Monitor(pid));
        await linked.RunAsync(c => c.Link(pid));
        Runtime.Send(pid, "inc");
        Runtime.Send(pid, "inc"); // waits in the mailbox: the first handler is blocked on the gate
        await Eventually.True(() => Runtime.GetInfo(pid)?.Status == ProcessStatus.Suspended, "v1 is mid-message");

        var upgrade = Runtime.UpgradeAsync(pid, old => new CounterV2(((CounterV1)old).Count));
        gate.SetResult();
        Assert.That((await upgrade.WaitAsync(Eventually.Liveness)).Succeeded, Is.True);

        // v1 counted the first inc; v2 counts by ten, so the queued inc shows which version ran it.
        Assert.That(await Runtime.CallAsync<long>(pid, "get", Eventually.Liveness), Is.EqualTo(11));
        await Eventually.True(() => Runtime.GetInfo(pid)?.Monitors == 1, "the call's own monitor is gone");
        var info = Runtime.GetInfo(pid)!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(info.Behaviour, Is.EqualTo(nameof(CounterV2)));
            Assert.That(Runtime.Whereis("counter"), Is.EqualTo(pid));
            Assert.That(info.Links, Is.EqualTo(1));
        });
        Runtime.Exit(pid, ExitReason.Shutdown);
        Assert.That((await watcher.ExpectAsync<Down>()).Pid, Is.EqualTo(pid));
        Assert.That((await linked.ExpectAsync<ExitMessage>()).From, Is.EqualTo(pid));
    }

    [Test]
    public async Task UpgradeAsync_MigrationThrows_OldVersionKeepsRunningAndErrorReturned()
    {
        var pid = Runtime.Spawn(new CounterV1(Task.CompletedTask));
        Runtime.Send(pid, "inc");
        var result = await Runtime.UpgradeAsync(pid, _ => throw new FormatException("bad state")).WaitAsync(Eventually.Liveness);
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Error!.Exception, Is.InstanceOf<FormatException>());
        });
        Runtime.Send(pid, "inc");
        Assert.That(await Runtime.CallAsync<long>(pid, "get", Eventually.Liveness), Is.EqualTo(2), "v1 still counts by one");
    }

    [Test]
    public async Task UpgradeAsync_DeadProcess_NoProc()
    {
        var pid = Runtime.Spawn(new CounterV1(Task.CompletedTask));
        Runtime.Exit(pid, ExitReason.Kill);
        await Await.ExitedAsync(Runtime, pid);
        var result = await Runtime.UpgradeAsync(pid, old => old).WaitAsync(Eventually.Liveness);
        Assert.That(result, Is.EqualTo(new UpgradeResult(false, ExitReason.NoProc)));
    }

    private sealed class CounterV1(Task gate) : Behaviour
    {
        public int Count { get; private set; }

        protected internal override async ValueTask ReceiveAsync(ProcessContext context, object message)
        {
            if (message is CallRequest call)
            {
                call.Reply((long)Count);
                return;
            }

            await gate;
            Count++;
        }
    }

    private sealed class CounterV2(long count) : Behaviour
    {
        private long _count = count;

        protected internal override ValueTask ReceiveAsync(ProcessContext context, object message)
        {
            if (message is CallRequest call)
            {
                call.Reply(_count);
            }
            else
            {
                _count += 10;
            }

            return default;
        }
    }
}
