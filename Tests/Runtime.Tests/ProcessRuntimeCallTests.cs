using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessRuntimeCallTests : RuntimeFixture
{
    [Test]
    public async Task CallAsync_PlainBehaviourReplies_ReturnsReply()
    {
        var echo = Runtime.Spawn((_, message) => ((CallRequest)message).Reply(((CallRequest)message).Request + "!"));
        Assert.That(await Runtime.CallAsync<string>(echo, "hi", Eventually.Liveness), Is.EqualTo("hi!"));
    }

    [Test]
    public void CallAsync_NoReply_FailsWithTimeout()
    {
        var silent = Runtime.Spawn((_, _) => { });
        var error = Assert.ThrowsAsync<CallException>(() => Runtime.CallAsync<object>(silent, "hello?", TimeSpan.FromMilliseconds(50)));
        Assert.That((error!.Reason, error.Target), Is.EqualTo((ExitReason.Timeout, silent)));
    }

    [Test]
    public async Task CallAsync_DeadTarget_FailsWithNoProc()
    {
        var dead = Runtime.Spawn((_, _) => { });
        Runtime.Exit(dead, ExitReason.Kill);
        await Await.ExitedAsync(Runtime, dead);
        var error = Assert.ThrowsAsync<CallException>(() => Runtime.CallAsync<object>(dead, "anyone?", Eventually.Liveness));
        Assert.That(error!.Reason, Is.EqualTo(ExitReason.NoProc));
    }

    [Test]
    public void CallAsync_TargetCrashesHandlingIt_FailsWithTheCrashReason()
    {
        var crasher = Runtime.Spawn((_, _) => throw new InvalidOperationException("no way"));
        var error = Assert.ThrowsAsync<CallException>(() => Runtime.CallAsync<object>(crasher, "please", Eventually.Liveness));
        Assert.That(error!.Reason.Exception?.Message, Is.EqualTo("no way"));
    }

    [Test]
    public async Task CallAsync_TargetKilledDuringCall_FailsWithKilled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        var slow = Runtime.Spawn(async (_, _) =>
        {
            started.SetResult();
            await never.Task;
        });
        var call = Runtime.CallAsync<object>(slow, "work", Eventually.Liveness);
        await started.Task.WaitAsync(Eventually.Liveness);
        Runtime.Exit(slow, ExitReason.Kill);
        var error = Assert.ThrowsAsync<CallException>(() => call);
        Assert.That(error!.Reason, Is.EqualTo(ExitReason.Killed));
        never.SetResult();
    }

    [Test]
    public async Task CallAsync_CallerProcessKilledWhileAwaiting_CallerDiesTargetUnharmed()
    {
        var watcher = new Probe(Runtime);
        var silent = new Probe(Runtime);
        var caller = Runtime.Spawn(async (context, message) => await context.CallAsync<object>((Pid)message, "x", Eventually.Liveness));
        await watcher.RunAsync(c => c.Monitor(caller));
        Runtime.Send(caller, silent.Pid);
        await silent.ExpectAsync<CallRequest>();
        Runtime.Exit(caller, ExitReason.Kill);
        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.Killed));
        Assert.That(Runtime.IsAlive(silent.Pid), Is.True);
    }

    [Test]
    public async Task CallAsync_ReplyAfterTimeout_IsDropped()
    {
        var held = new Probe(Runtime);
        Assert.ThrowsAsync<CallException>(() => Runtime.CallAsync<object>(held.Pid, "q", TimeSpan.FromMilliseconds(20)));
        var request = await held.ExpectAsync<CallRequest>();
        Assert.DoesNotThrow(() => request.Reply("too late"));
        Assert.That(await Runtime.CallAsync<string>(
            Runtime.Spawn((_, m) => ((CallRequest)m).Reply("fresh")), "q", Eventually.Liveness), Is.EqualTo("fresh"));
    }
}
