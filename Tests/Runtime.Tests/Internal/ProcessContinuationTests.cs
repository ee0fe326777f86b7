using DistSys.Runtime.Tests.Support;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Tests.Internal;

/// <summary>Code after an await in a handler runs inside the process's own turns (issue #4).</summary>
public class ProcessContinuationTests : RuntimeFixture
{
    private const int Rounds = 200;

    [Test]
    public async Task ReceiveAsync_CodeAfterAwait_NeverOverlapsSignalHandling()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var overlaps = 0;
        var target = Runtime.Spawn(async (context, _) =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                await Task.Run(static () => { });

                // The monitor count is the process's own state, changed only by its signal
                // handling: if that ran during this code, the count moves under our feet.
                var before = MonitorsOn(context.Self);
                for (var spin = 0; spin < 200 && MonitorsOn(context.Self) == before; spin++)
                {
                    Thread.SpinWait(100);
                }

                if (MonitorsOn(context.Self) != before)
                {
                    overlaps++;
                }
            }

            done.SetResult();
        });
        var signalsSent = 0;

        // The flooder sends in small batches and re-sends itself a message, so it never holds a
        // thread and the target's signal handling always has one to run on.
        var flooder = Runtime.Spawn((context, _) =>
        {
            if (done.Task.IsCompleted)
            {
                return;
            }

            for (var i = 0; i < 16; i++)
            {
                context.Demonitor(context.Monitor(target));
            }

            signalsSent += 32;
            context.Send(context.Self, "again");
        });

        Runtime.Send(flooder, "flood");
        Runtime.Send(target, "go");
        await Eventually.Within(done.Task);
        await Eventually.True(() => Runtime.GetInfo(flooder)?.Status == ProcessStatus.Waiting, "the flooder stopped");
        Assert.Multiple(() =>
        {
            Assert.That(signalsSent, Is.GreaterThan(Rounds), "the flood ran alongside the handler");
            Assert.That(overlaps, Is.Zero, "signal handling ran during code after an await");
        });
    }

    [Test]
    public async Task SpawnLink_AfterAwaitWhileLinkedPeersExit_EveryChildExitReachesParent()
    {
        var peers = Enumerable.Range(0, Rounds).Select(_ => Runtime.Spawn(static (_, _) => { })).ToList();
        var children = new HashSet<Pid>();
        var childExits = 0;
        var spawned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var parent = Runtime.Spawn(
            async (context, message) =>
            {
                switch (message)
                {
                    case List<Pid> toLink:
                        toLink.ForEach(context.Link);
                        break;
                    case "spawn":
                        for (var i = 0; i < Rounds; i++)
                        {
                            await Task.Run(static () => { });
                            children.Add(context.SpawnLink(new Crasher()));
                        }

                        spawned.SetResult();
                        break;
                    case ExitMessage exit when children.Contains(exit.From):
                        childExits++;
                        break;
                }
            },
            new SpawnOptions { TrapExit = true });
        Runtime.Send(parent, peers);
        await Eventually.True(() => Runtime.GetInfo(parent)?.Links == Rounds, "the parent linked every peer");

        Runtime.Send(parent, "spawn");
        peers.ForEach(peer => Runtime.Exit(peer, ExitReason.Custom("gone")));
        await Eventually.Within(spawned.Task);
        foreach (var child in children)
        {
            Runtime.Send(child, "crash");
        }

        await Eventually.True(() => Runtime.GetInfo(parent) is { Links: 0, MailboxLength: 0 } && Volatile.Read(ref childExits) == Rounds, "every child's exit reached the parent");
    }

    [Test]
    public async Task Kill_WhileSuspendedInAwait_CodeAfterAwaitNeverRunsAndDownArrives()
    {
        var gate = new TaskCompletionSource();
        var ranAfterAwait = false;
        var target = Runtime.Spawn(async (_, _) =>
        {
            await gate.Task;
            ranAfterAwait = true;
        });
        var watcher = new Probe(Runtime);
        await watcher.RunAsync(context => context.Monitor(target));
        Runtime.Send(target, "wait");
        await Eventually.True(() => Runtime.GetInfo(target)?.Status == ProcessStatus.Suspended, "the handler awaits");

        Runtime.Exit(target, ExitReason.Kill);
        var down = await watcher.ExpectAsync<Down>();

        // Completing the awaited task posts the rest of the handler to a dead process: dropped, not run here.
        Assert.DoesNotThrow(() => gate.SetResult());
        Assert.Multiple(() =>
        {
            Assert.That(down.Reason.Kind, Is.EqualTo(ExitReasonKind.Killed));
            Assert.That(ranAfterAwait, Is.False);
        });
    }

    [Test]
    public async Task ReceiveAsync_AwaitsInsideHandler_ResumesOnProcessContextInOrder()
    {
        var seen = new List<int>();
        var foreignContexts = 0;
        var target = Runtime.Spawn(async (_, message) =>
        {
            var context = SynchronizationContext.Current;
            await Task.Yield();
            await Task.Run(static () => { });
            if (context is null || SynchronizationContext.Current != context)
            {
                foreignContexts++;
            }

            seen.Add((int)message);
        });

        for (var i = 0; i < Rounds; i++)
        {
            Runtime.Send(target, i);
        }

        await Eventually.True(() => Runtime.GetInfo(target)?.MessagesHandled == Rounds && Runtime.GetInfo(target)?.Status != ProcessStatus.Suspended, "every message was handled");
        Assert.Multiple(() =>
        {
            Assert.That(foreignContexts, Is.Zero);
            Assert.That(seen, Is.EqualTo(Enumerable.Range(0, Rounds)));
        });
    }

    [Test]
    public async Task Send_OnProcessContext_ThrowsNotSupported()
    {
        var thrown = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var target = Runtime.Spawn((_, _) =>
        {
            try
            {
                SynchronizationContext.Current!.Send(static _ => { }, null);
                thrown.SetResult(null);
            }
            catch (NotSupportedException ex)
            {
                thrown.SetResult(ex);
            }
        });

        Runtime.Send(target, "send");
        Assert.That(await Eventually.Within(thrown.Task), Is.InstanceOf<NotSupportedException>());
    }

    private int MonitorsOn(Pid pid) => Runtime.GetInfo(pid)?.Monitors ?? -1;

    private sealed class Crasher : Behaviour
    {
        protected internal override ValueTask ReceiveAsync(ProcessContext context, object message) =>
            throw new InvalidOperationException("child crash");
    }
}
