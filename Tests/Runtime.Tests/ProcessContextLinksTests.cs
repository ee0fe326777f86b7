using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessContextLinksTests
{
    private ProcessRuntime _runtime = null!;

    [SetUp]
    public void SetUp() => _runtime = new ProcessRuntime();

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public async Task Link_PeerCrashes_NonTrappingProcessDiesWithSameReason()
    {
        var watcher = new Probe(_runtime);
        var peer = _runtime.Spawn((_, _) => throw new InvalidOperationException("peer"));
        var linked = new Probe(_runtime);
        await linked.RunAsync(c => c.Link(peer));
        await watcher.RunAsync(c => c.Monitor(linked.Pid));

        _runtime.Send(peer, "crash");
        var down = await watcher.ExpectAsync<Down>();
        Assert.That(down.Reason.Exception?.Message, Is.EqualTo("peer"));
    }

    [Test]
    public async Task Link_PeerCrashes_TrappingProcessGetsExitMessage()
    {
        var peer = _runtime.Spawn((_, _) => throw new InvalidOperationException("peer"));
        var trapper = new Probe(_runtime, new SpawnOptions { TrapExit = true });
        await trapper.RunAsync(c => c.Link(peer));

        _runtime.Send(peer, "crash");
        var exit = await trapper.ExpectAsync<ExitMessage>();
        Assert.Multiple(() =>
        {
            Assert.That(exit.From, Is.EqualTo(peer));
            Assert.That(exit.Reason.Kind, Is.EqualTo(ExitReasonKind.Exception));
            Assert.That(_runtime.IsAlive(trapper.Pid), Is.True);
        });
    }

    [Test]
    public async Task Link_IsBidirectional_LinkerCrashKillsPeer()
    {
        var watcher = new Probe(_runtime);
        var peer = new Probe(_runtime);
        var linker = _runtime.Spawn((context, message) =>
        {
            if (message is Pid other)
            {
                context.Link(other);
                return;
            }

            throw new InvalidOperationException("linker");
        });
        await watcher.RunAsync(c => c.Monitor(peer.Pid));
        _runtime.Send(linker, peer.Pid);
        await Await.UntilAsync(() => _runtime.GetInfo(peer.Pid)?.Links == 1, "the peer holds the link");

        _runtime.Send(linker, "crash");
        Assert.That((await watcher.ExpectAsync<Down>()).Reason.Exception?.Message, Is.EqualTo("linker"));
    }

    [Test]
    public async Task Link_PeerExitsNormally_NonTrappingProcessSurvives()
    {
        var peer = _runtime.Spawn((context, _) => context.Stop());
        var linked = new Probe(_runtime);
        await linked.RunAsync(c => c.Link(peer));
        _runtime.Send(peer, "stop");
        await Await.ExitedAsync(_runtime, peer);
        await Await.UntilAsync(() => _runtime.GetInfo(linked.Pid)?.Links == 0, "the link is gone");
        Assert.That(_runtime.IsAlive(linked.Pid), Is.True);
    }

    [Test]
    public async Task Link_ToDeadProcess_LinkerGetsNoProc()
    {
        var dead = _runtime.Spawn((_, _) => { });
        _runtime.Exit(dead, ExitReason.Kill);
        await Await.ExitedAsync(_runtime, dead);

        var trapper = new Probe(_runtime, new SpawnOptions { TrapExit = true });
        await trapper.RunAsync(c => c.Link(dead));
        var exit = await trapper.ExpectAsync<ExitMessage>();
        Assert.That((exit.From, exit.Reason), Is.EqualTo((dead, ExitReason.NoProc)));

        var plain = new Probe(_runtime);
        var watcher = new Probe(_runtime);
        await watcher.RunAsync(c => c.Monitor(plain.Pid));
        await plain.RunAsync(c => c.Link(dead));
        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.NoProc));
    }

    [Test]
    public async Task Unlink_ThenPeerCrashes_ProcessSurvives()
    {
        var peer = _runtime.Spawn((_, _) => throw new InvalidOperationException());
        var linked = new Probe(_runtime);
        await linked.RunAsync(c => c.Link(peer));
        await linked.RunAsync(c => c.Unlink(peer));
        await Await.UntilAsync(() => _runtime.GetInfo(peer)?.Links == 0, "the peer dropped the link");
        _runtime.Send(peer, "crash");
        await Await.ExitedAsync(_runtime, peer);
        _runtime.Send(linked.Pid, "alive?");
        Assert.That(await linked.ExpectAsync<string>(), Is.EqualTo("alive?"));
    }

    [Test]
    public async Task SpawnLink_ChildCrashes_ParentDies()
    {
        var watcher = new Probe(_runtime);
        var parent = new Probe(_runtime);
        var child = await parent.RunAsync(c => c.SpawnLink(new Crasher()));
        await watcher.RunAsync(c => c.Monitor(parent.Pid));
        Assert.That(_runtime.GetInfo(child)!.Value.Links, Is.EqualTo(1));
        _runtime.Send(child, "crash");
        Assert.That((await watcher.ExpectAsync<Down>()).Reason.Kind, Is.EqualTo(ExitReasonKind.Exception));
    }

    [Test]
    public async Task Exit_Kill_CannotBeTrapped()
    {
        var watcher = new Probe(_runtime);
        var trapper = new Probe(_runtime, new SpawnOptions { TrapExit = true });
        await watcher.RunAsync(c => c.Monitor(trapper.Pid));
        _runtime.Exit(trapper.Pid, ExitReason.Kill);
        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.Killed));
    }

    [Test]
    public async Task Exit_KilledProcess_LinksReceiveKilledNotKill()
    {
        var victim = new Probe(_runtime);
        var trapper = new Probe(_runtime, new SpawnOptions { TrapExit = true });
        await trapper.RunAsync(c => c.Link(victim.Pid));
        await Await.UntilAsync(() => _runtime.GetInfo(victim.Pid)?.Links == 1, "the link is set up");
        _runtime.Exit(victim.Pid, ExitReason.Kill);
        Assert.That((await trapper.ExpectAsync<ExitMessage>()).Reason, Is.EqualTo(ExitReason.Killed));
    }

    [Test]
    public async Task Exit_Normal_IgnoredByNonTrappingProcess()
    {
        var target = new Probe(_runtime);
        _runtime.Exit(target.Pid, ExitReason.Normal);
        _runtime.Send(target.Pid, "still alive");
        Assert.That(await target.ExpectAsync<string>(), Is.EqualTo("still alive"));
    }

    [Test]
    public async Task Exit_Trapped_BecomesMessage()
    {
        var trapper = new Probe(_runtime, new SpawnOptions { TrapExit = true });
        _runtime.Exit(trapper.Pid, ExitReason.Shutdown);
        var exit = await trapper.ExpectAsync<ExitMessage>();
        Assert.That((exit.From, exit.Reason), Is.EqualTo((Pid.None, ExitReason.Shutdown)));
    }

    [Test]
    public async Task Exit_Shutdown_KillsNonTrappingProcess()
    {
        var watcher = new Probe(_runtime);
        var target = new Probe(_runtime);
        await watcher.RunAsync(c => c.Monitor(target.Pid));
        _runtime.Exit(target.Pid, ExitReason.Shutdown);
        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.Shutdown));
    }

    [Test]
    public async Task Exit_ProcessSuspendedInAwait_DiesAtOnce()
    {
        var watcher = new Probe(_runtime);
        var never = new TaskCompletionSource();
        var blocked = _runtime.Spawn(async (_, _) => await never.Task);
        await watcher.RunAsync(c => c.Monitor(blocked));
        _runtime.Send(blocked, "block");
        await Await.UntilAsync(() => _runtime.GetInfo(blocked)?.Status == ProcessStatus.Suspended, "it awaits");
        _runtime.Exit(blocked, ExitReason.Kill);
        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.Killed));
        never.SetResult(); // completing the abandoned handler later is harmless
    }

    [Test]
    public async Task Exit_SignalAndMessageBothQueued_SignalHandledFirst()
    {
        var probe = new Probe(_runtime);
        _runtime.Send(_runtime.Spawn(new SignalsFirst(probe.Pid)), "first");
        var (handled, reason) = await probe.ExpectAsync<(string, ExitReason)>();
        Assert.That((handled, reason), Is.EqualTo(("first", ExitReason.Shutdown)), "the queued user message was never handled");
    }

    /// <summary>Queues a user message to itself, then an exit signal; reports what it handled when it dies.</summary>
    private sealed class SignalsFirst(Pid report) : Behaviour
    {
        private string _handled = "";

        protected internal override ValueTask ReceiveAsync(ProcessContext context, object message)
        {
            _handled += message;
            if (message is "first")
            {
                context.Send(context.Self, "-second");
                context.Exit(context.Self, ExitReason.Shutdown);
            }

            return default;
        }

        protected internal override void Terminate(ProcessContext context, ExitReason reason) =>
            context.Send(report, (_handled, reason));
    }

    private sealed class Crasher : Behaviour
    {
        protected internal override ValueTask ReceiveAsync(ProcessContext context, object message) =>
            throw new InvalidOperationException("child");
    }
}
