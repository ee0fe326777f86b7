namespace DistSys.Runtime.Tests;

public class ProcessRuntimeStressTests
{
    [Test]
    public async Task Ring_100kProcesses_TokenGoesAroundTwice()
    {
        const int size = 100_000;
        using var runtime = new ProcessRuntime();
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var nodes = new RingNode[size];
        var pids = new Pid[size];
        for (var i = 0; i < size; i++)
        {
            nodes[i] = new RingNode(done);
            pids[i] = runtime.Spawn(nodes[i]);
        }

        for (var i = 0; i < size; i++)
        {
            nodes[i].Next = pids[(i + 1) % size];
        }

        runtime.Send(pids[0], new Token(2 * size));
        Assert.That(await done.Task.WaitAsync(Eventually.Liveness), Is.EqualTo(2), "the last node saw the token on both laps");
        Assert.That(nodes.Sum(n => n.Seen), Is.EqualTo(2 * size));
        Assert.That(runtime.ProcessCount, Is.EqualTo(size));
    }

    [Test]
    public async Task SpawnExit_1MProcesses_MemoryReturnsToBaseline()
    {
        const int batch = 100_000;
        using var runtime = new ProcessRuntime();
        var stop = new object();
        Func<ProcessContext, object, ValueTask> handler = static (context, _) =>
        {
            context.Stop();
            return default;
        };

        await SpawnAndStopAsync(runtime, batch, handler, stop); // warm-up: the table grows to its peak
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        for (var round = 0; round < 10; round++)
        {
            await SpawnAndStopAsync(runtime, batch, handler, stop);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Multiple(() =>
        {
            Assert.That(runtime.ExitedCount, Is.EqualTo(11L * batch));
            // A leak of even one small object per process would be ≥ 24 MB; the slack covers
            // run-queue segments and JIT/tiering noise, which do not grow with the process count.
            Assert.That(after - baseline, Is.LessThan(8 << 20), $"baseline {baseline} B, after {after} B");
        });
    }

    [Test]
    public async Task Fairness_ThrowingBlockedAndSelfFloodingProcesses_OthersProgress()
    {
        using var runtime = new ProcessRuntime();
        var never = new TaskCompletionSource();
        runtime.Send(runtime.Spawn((_, _) => throw new InvalidOperationException()), "crash");
        runtime.Send(runtime.Spawn(async (_, _) => await never.Task), "block");
        var loops = 0L;
        var flood = runtime.Spawn((context, message) =>
        {
            Interlocked.Increment(ref loops);
            context.Send(context.Self, message);
        });
        runtime.Send(flood, "again");
        // The flood runs before the ping-pong starts (on a loaded machine the ping-pong could otherwise
        // be over before the flood was first scheduled), and keeps running while and after it plays.
        await Eventually.True(() => Interlocked.Read(ref loops) > 0, "the flooding process ran");
        var loopsAtStart = Interlocked.Read(ref loops);

        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pong = runtime.Spawn((context, message) => context.Send(((Ball)message).From, message));
        var ping = runtime.Spawn((context, message) =>
        {
            var ball = (Ball)message;
            if (++ball.Hits == 10_000)
            {
                finished.SetResult();
                return;
            }

            context.Send(pong, ball);
        });
        runtime.Send(pong, new Ball(ping));

        await finished.Task.WaitAsync(Eventually.Liveness);
        // The ping-pong may be over (a few ms) while the OS has the flood's thread off its core, so the
        // flood's progress is awaited rather than sampled: it keeps running, nothing starved it out.
        await Eventually.True(() => Interlocked.Read(ref loops) > loopsAtStart, "the flooding process was running all along");
        never.SetResult();
    }

    [Test]
    public async Task Throughput_BusyProcessOnOneThread_YieldsToOthers()
    {
        using var runtime = new ProcessRuntime(new ProcessRuntimeOptions
        {
            Scheduler = SchedulerKind.Dedicated,
            SchedulerThreads = 1,
            Throughput = 100,
        });
        var busyHandled = 0;
        var seenByOther = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var other = runtime.Spawn((_, _) => seenByOther.TrySetResult(Volatile.Read(ref busyHandled)));
        var busy = runtime.Spawn(async (context, message) =>
        {
            if (message is "gate")
            {
                await gate.Task;
            }

            if (++busyHandled == 10)
            {
                // Queued behind the busy process on the only scheduler thread: it runs when busy yields.
                context.Send(other, "my turn");
            }
        });

        runtime.Send(busy, "gate");
        for (var i = 0; i < 100_000; i++)
        {
            runtime.Send(busy, i);
        }

        gate.SetResult();
        Assert.That(await seenByOther.Task.WaitAsync(Eventually.Liveness), Is.LessThanOrEqualTo(10 + 100), "other ran after at most one more turn");
        await Eventually.True(() => Volatile.Read(ref busyHandled) == 100_001, "the busy one finishes too");
    }

    [TestCase(SchedulerKind.ThreadPool)]
    [TestCase(SchedulerKind.Dedicated)]
    public async Task PingPong_EachScheduler_ManyPairsComplete(SchedulerKind scheduler)
    {
        using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Scheduler = scheduler });
        const int pairs = 8;
        var remaining = pairs;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var p = 0; p < pairs; p++)
        {
            var pong = runtime.Spawn((context, message) => context.Send(((Ball)message).From, message));
            var ping = runtime.Spawn((context, message) =>
            {
                var ball = (Ball)message;
                if (++ball.Hits == 20_000)
                {
                    if (Interlocked.Decrement(ref remaining) == 0)
                    {
                        finished.SetResult();
                    }

                    return;
                }

                context.Send(pong, ball);
            });
            runtime.Send(pong, new Ball(ping));
        }

        await finished.Task.WaitAsync(Eventually.Liveness);
    }

    private static async Task SpawnAndStopAsync(ProcessRuntime runtime, int count, Func<ProcessContext, object, ValueTask> handler, object stop)
    {
        for (var i = 0; i < count; i++)
        {
            runtime.Send(runtime.Spawn(handler), stop);
        }

        await Eventually.True(() => runtime.ProcessCount == 0, "every process exited");
    }

    private sealed record Token(int Hops);

    private sealed class Ball(Pid from)
    {
        public Pid From { get; } = from;

        public int Hits { get; set; }
    }

    private sealed class RingNode(TaskCompletionSource<int> done) : Behaviour
    {
        private int _seen;

        public int Seen => _seen;

        public Pid Next { get; set; }

        protected internal override ValueTask ReceiveAsync(ProcessContext context, object message)
        {
            var token = (Token)message;
            _seen++;
            if (token.Hops == 1)
            {
                done.SetResult(_seen);
                return default;
            }

            context.Send(Next, new Token(token.Hops - 1));
            return default;
        }
    }
}
