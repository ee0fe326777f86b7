using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessRuntimeUpgradeTests
{
    private ProcessRuntime _runtime = null!;

    [SetUp]
    public void SetUp() => _runtime = new ProcessRuntime();

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public async Task UpgradeAsync_Migration_KeepsPidNameLinksMonitorsMailboxAndState()
    {
        var watcher = new Probe(_runtime);
        var linked = new Probe(_runtime, new SpawnOptions { TrapExit = true });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pid = _runtime.Spawn(new CounterV1(gate.Task), new SpawnOptions { Name = "counter" });
        await watcher.RunAsync(c => c.Monitor(pid));
        await linked.RunAsync(c => c.Link(pid));
        _runtime.Send(pid, "inc");
        _runtime.Send(pid, "inc"); // waits in the mailbox: the first handler is blocked on the gate
        await Await.UntilAsync(() => _runtime.GetInfo(pid)?.Status == ProcessStatus.Suspended, "v1 is mid-message");

        var upgrade = _runtime.UpgradeAsync(pid, old => new CounterV2(((CounterV1)old).Count));
        gate.SetResult();
        Assert.That((await upgrade.WaitAsync(Await.Limit)).Succeeded, Is.True);

        // v1 counted the first inc; v2 counts by ten, so the queued inc shows which version ran it.
        Assert.That(await _runtime.CallAsync<long>(pid, "get", Await.Limit), Is.EqualTo(11));
        await Await.UntilAsync(() => _runtime.GetInfo(pid)?.Monitors == 1, "the call's own monitor is gone");
        var info = _runtime.GetInfo(pid)!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(info.Behaviour, Is.EqualTo(nameof(CounterV2)));
            Assert.That(_runtime.Whereis("counter"), Is.EqualTo(pid));
            Assert.That(info.Links, Is.EqualTo(1));
        });
        _runtime.Exit(pid, ExitReason.Shutdown);
        Assert.That((await watcher.ExpectAsync<Down>()).Pid, Is.EqualTo(pid));
        Assert.That((await linked.ExpectAsync<ExitMessage>()).From, Is.EqualTo(pid));
    }

    [Test]
    public async Task UpgradeAsync_MigrationThrows_OldVersionKeepsRunningAndErrorReturned()
    {
        var pid = _runtime.Spawn(new CounterV1(Task.CompletedTask));
        _runtime.Send(pid, "inc");
        var result = await _runtime.UpgradeAsync(pid, _ => throw new FormatException("bad state")).WaitAsync(Await.Limit);
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Error!.Exception, Is.InstanceOf<FormatException>());
        });
        _runtime.Send(pid, "inc");
        Assert.That(await _runtime.CallAsync<long>(pid, "get", Await.Limit), Is.EqualTo(2), "v1 still counts by one");
    }

    [Test]
    public async Task UpgradeAsync_DeadProcess_NoProc()
    {
        var pid = _runtime.Spawn(new CounterV1(Task.CompletedTask));
        _runtime.Exit(pid, ExitReason.Kill);
        await Await.ExitedAsync(_runtime, pid);
        var result = await _runtime.UpgradeAsync(pid, old => old).WaitAsync(Await.Limit);
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
