using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessRuntimeCallTests
{
    private ProcessRuntime _runtime = null!;

    [SetUp]
    public void SetUp() => _runtime = new ProcessRuntime();

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public async Task CallAsync_PlainBehaviourReplies_ReturnsReply()
    {
        var echo = _runtime.Spawn((_, message) => ((CallRequest)message).Reply(((CallRequest)message).Request + "!"));
        Assert.That(await _runtime.CallAsync<string>(echo, "hi", Await.Limit), Is.EqualTo("hi!"));
    }

    [Test]
    public void CallAsync_NoReply_FailsWithTimeout()
    {
        var silent = _runtime.Spawn((_, _) => { });
        var error = Assert.ThrowsAsync<CallException>(() => _runtime.CallAsync<object>(silent, "hello?", TimeSpan.FromMilliseconds(50)));
        Assert.That((error!.Reason, error.Target), Is.EqualTo((ExitReason.Timeout, silent)));
    }

    [Test]
    public async Task CallAsync_DeadTarget_FailsWithNoProc()
    {
        var dead = _runtime.Spawn((_, _) => { });
        _runtime.Exit(dead, ExitReason.Kill);
        await Await.ExitedAsync(_runtime, dead);
        var error = Assert.ThrowsAsync<CallException>(() => _runtime.CallAsync<object>(dead, "anyone?", Await.Limit));
        Assert.That(error!.Reason, Is.EqualTo(ExitReason.NoProc));
    }

    [Test]
    public void CallAsync_TargetCrashesHandlingIt_FailsWithTheCrashReason()
    {
        var crasher = _runtime.Spawn((_, _) => throw new InvalidOperationException("no way"));
        var error = Assert.ThrowsAsync<CallException>(() => _runtime.CallAsync<object>(crasher, "please", Await.Limit));
        Assert.That(error!.Reason.Exception?.Message, Is.EqualTo("no way"));
    }

    [Test]
    public async Task CallAsync_TargetKilledDuringCall_FailsWithKilled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        var slow = _runtime.Spawn(async (_, _) =>
        {
            started.SetResult();
            await never.Task;
        });
        var call = _runtime.CallAsync<object>(slow, "work", Await.Limit);
        await started.Task.WaitAsync(Await.Limit);
        _runtime.Exit(slow, ExitReason.Kill);
        var error = Assert.ThrowsAsync<CallException>(() => call);
        Assert.That(error!.Reason, Is.EqualTo(ExitReason.Killed));
        never.SetResult();
    }

    [Test]
    public async Task CallAsync_CallerProcessKilledWhileAwaiting_CallerDiesTargetUnharmed()
    {
        var watcher = new Probe(_runtime);
        var silent = new Probe(_runtime);
        var caller = _runtime.Spawn(async (context, message) => await context.CallAsync<object>((Pid)message, "x", Await.Limit));
        await watcher.RunAsync(c => c.Monitor(caller));
        _runtime.Send(caller, silent.Pid);
        await silent.ExpectAsync<CallRequest>();
        _runtime.Exit(caller, ExitReason.Kill);
        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.Killed));
        Assert.That(_runtime.IsAlive(silent.Pid), Is.True);
    }

    [Test]
    public async Task CallAsync_ReplyAfterTimeout_IsDropped()
    {
        var held = new Probe(_runtime);
        Assert.ThrowsAsync<CallException>(() => _runtime.CallAsync<object>(held.Pid, "q", TimeSpan.FromMilliseconds(20)));
        var request = await held.ExpectAsync<CallRequest>();
        Assert.DoesNotThrow(() => request.Reply("too late"));
        Assert.That(await _runtime.CallAsync<string>(
            _runtime.Spawn((_, m) => ((CallRequest)m).Reply("fresh")), "q", Await.Limit), Is.EqualTo("fresh"));
    }
}
