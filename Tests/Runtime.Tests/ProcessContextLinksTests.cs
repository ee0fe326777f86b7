using DistSys.Runtime.Tests.Support;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Tests;

public class ProcessContextLinksTests : RuntimeFixture
{
    [Test]
    public async Task Link_PeerCrashes_NonTrappingProcessDiesWithSameReason()
    {
        var watcher = new Probe(Runtime);
        var peer = Runtime.Spawn((_, _) => throw new InvalidOperationException("peer"));
        var linked = new Probe(Runtime);
        await linked.RunAsync(c => c.Link(peer));
        await watcher.RunAsync(c => c.Monitor(linked.Pid));

        Runtime.Send(peer, "crash");
        var down = await watcher.ExpectAsync<Down>();
        Assert.That(down.Reason.Exception?.Message, Is.EqualTo("peer"));
    }

    [Test]
    public async Task Link_PeerCrashes_TrappingProcessGetsExitMessage()
    {
        var peer = Runtime.Spawn((_, _) => throw new InvalidOperationException("peer"));
        var trapper = new Probe(Runtime, new SpawnOptions { TrapExit = true });
        await trapper.RunAsync(c => c.Link(peer));

        Runtime.Send(peer, "crash");
        var exit = await trapper.ExpectAsync<ExitMessage>();
        Assert.Multiple(() =>
        {
            Assert.That(exit.From, Is.EqualTo(peer));
            Assert.That(exit.Reason.Kind, Is.EqualTo(ExitReasonKind.Exception));
            Assert.That(Runtime.IsAlive(trapper.Pid), Is.True);
        });
    }

    [Test]
    public async Task Link_IsBidirectional_LinkerCrashKillsPeer()
    {
        var watcher = new Probe(Runtime);
        var peer = new Probe(Runtime);
        var linker = Runtime.Spawn((context, message) =>
        {
            if (message is Pid other)
            {
                context.Link(other);
                return;
            }

            throw new InvalidOperationException("linker");
        });
        await watcher.RunAsync(c => c.Monitor(peer.Pid));
        Runtime.Send(linker, peer.Pid);
        await Eventually.True(() => Runtime.GetInfo(peer.Pid)?.Links == 1, "the peer holds the link");

        Runtime.Send(linker, "crash");
        Assert.That((await watcher.ExpectAsync<Down>()).Reason.Exception?.Message, Is.EqualTo("linker"));
    }

    [Test]
    public async Task Link_PeerExitsNormally_NonTrappingProcessSurvives()
    {
        var peer = Runtime.Spawn((context, _) => context.Stop());
        var linked = new Probe(Runtime);
        await linked.RunAsync(c => c.Link(peer));
        Runtime.Send(peer, "stop");
        await Await.ExitedAsync(Runtime, peer);
        await Eventually.True(() => Runtime.GetInfo(linked.Pid)?.Links == 0, "the link is gone");
        Assert.That(Runtime.IsAlive(linked.Pid), Is.True);
    }

    [Test]
    public async Task Link_ToDeadProcess_LinkerGetsNoProc()
    {
        var dead = Runtime.Spawn((_, _) => { });
        Runtime.Exit(dead, ExitReason.Kill);
        await Await.ExitedAsync(Runtime, dead);

        var trapper = new Probe(Runtime, new SpawnOptions { TrapExit = true });
        await trapper.RunAsync(c => c.Link(dead));
        var exit = await trapper.ExpectAsync<ExitMessage>();
        Assert.That((exit.From, exit.Reason), Is.EqualTo((dead, ExitReason.NoProc)));

        var plain = new Probe(Runtime);
        var watcher = new Probe(Runtime);
        await watcher.RunAsync(c => c.Monitor(plain.Pid));
        await plain.RunAsync(c => c.Link(dead));
        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.NoProc));
    }

    [Test]
    public async Task Unlink_ThenPeerCrashes_ProcessSurvives()
    {
        var peer = Runtime.Spawn((_, _) => throw new InvalidOperationException());
        var linked = new Probe(Runtime);
        await linked.RunAsync(c => c.Link(peer));
        await linked.RunAsync(c => c.Unlink(peer));
        await Eventually.True(() => Runtime.GetInfo(peer)?.Links == 0, "the peer dropped the link");
        Runtime.Send(peer, "crash");
        await Await.ExitedAsync(Runtime, peer);
        Runtime.Send(linked.Pid, "alive?");
        Assert.That(await linked.ExpectAsync<string>(), Is.EqualTo("alive?"));
    }

    [Test]
    public async Task SpawnLink_ChildCrashes_ParentDies()
    {
        var watcher = new Probe(Runtime);
        var parent = new Probe(Runtime);
        var child = await parent.RunAsync(c => c.SpawnLink(new Crasher()));
        await watcher.RunAsync(c => c.Monitor(parent.Pid));
        Assert.That(Runtime.GetInfo(child)!.Value.Links, Is.EqualTo(1));
        Runtime.Send(child, "crash");
        Assert.That((await watcher.ExpectAsync<Down>()).Reason.Kind, Is.EqualTo(ExitReasonKind.Exception));
    }

    [Test]
    public async Task Exit_Kill_CannotBeTrapped()
    {
        var watcher = new Probe(Runtime);
        var trapper = new Probe(Runtime, new SpawnOptions { TrapExit = true });
        await watcher.RunAsync(c => c.Monitor(trapper.Pid));
        Runtime.Exit(trapper.Pid, ExitReason.Kill);
        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.Killed));
    }

    [Test]
    public async Task Exit_KilledProcess_LinksReceiveKilledNotKill()
    {
        var victim = new Probe(Runtime);
        var trapper = new Probe(Runtime, new SpawnOptions { TrapExit = true });
        await trapper.RunAsync(c => c.Link(victim.Pid));
        await Eventually.True(() => Runtime.GetInfo(victim.Pid)?.Links == 1, "the link is set up");
        Runtime.Exit(victim.Pid, ExitReason.Kill);
        Assert.That((await trapper.ExpectAsync<ExitMessage>()).Reason, Is.EqualTo(ExitReason.Killed));
    }

    [Test]
    public async Task Exit_Normal_IgnoredByNonTrappingProcess()
    {
        var target = new Probe(Runtime);
        Runtime.Exit(target.Pid, ExitReason.Normal);
        Runtime.Send(target.Pid, "still alive");
        Assert.That(await target.ExpectAsync<string>(), Is.EqualTo("still alive"));
    }

    [Test]
    public async Task Exit_Trapped_BecomesMessage()
    {
        var trapper = new Probe(Runtime, new SpawnOptions { TrapExit = true });
        Runtime.Exit(trapper.Pid, ExitReason.Shutdown);
        var exit = await trapper.ExpectAsync<ExitMessage>();
        Assert.That((exit.From, exit.Reason), Is.EqualTo((Pid.None, ExitReason.Shutdown)));
    }

    [Test]
    public async Task Exit_Shutdown_KillsNonTrappingProcess()
    {
        var watcher = new Probe(Runtime);
        var target = new Probe(Runtime);
        await watcher.RunAsync(c => c.Monitor(target.Pid));
        Runtime.Exit(target.Pid, ExitReason.Shutdown);
        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.Shutdown));
    }

    [Test]
    public async Task Exit_ProcessSuspendedInAwait_DiesAtOnce()
    {
        var watcher = new Probe(Runtime);
        var never = new TaskCompletionSource();
        var blocked = Runtime.Spawn(async (_, _) => await never.Task);
        await watcher.RunAsync(c => c.Monitor(blocked));
        Runtime.Send(blocked, "block");
        await Eventually.True(() => Runtime.GetInfo(blocked)?.Status == ProcessStatus.Suspended, "it awaits");
        Runtime.Exit(blocked, ExitReason.Kill);
        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.Killed));
        never.SetResult(); // completing the abandoned handler later is harmless
    }

    [Test]
    public async Task Exit_SignalAndMessageBothQueued_SignalHandledFirst()
    {
        var probe = new Probe(Runtime);
        Runtime.Send(Runtime.Spawn(new SignalsFirst(probe.Pid)), "first");
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
