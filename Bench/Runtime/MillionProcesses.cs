using System.Diagnostics;
using System.Threading.Channels;
using DistSys.Runtime;

namespace DistSys.Bench.Runtime;

/// <summary>
/// One node's scale, as a user would see it: spawn COUNT live processes (each waits for messages and
/// counts what it gets), then send every one of them the same message and wait until all have handled
/// it. Prints the spawn time, the broadcast time and the OS process's resident set with everything
/// alive. <c>runtime</c> uses <see cref="ProcessRuntime"/>; <c>channels</c> is the plain .NET baseline
/// (one unbounded channel and one async loop per "process", the shape of <see cref="IdleProcessBenchmarks"/>),
/// run in its own OS process so the two resident sets do not mix. Not BenchmarkDotNet: one cold run of
/// a million is the figure asked for, and BenchmarkDotNet would keep several runtimes alive at once.
/// </summary>
internal static class MillionProcesses
{
    private static long s_handled;

    public static int Run(int count, string kind)
    {
        var rssBefore = RssMb();
        var (spawn, broadcast, rss, keepAlive) = kind switch
        {
            "runtime" => RunRuntime(count),
            "channels" => RunChannels(count),
            _ => throw new ArgumentException($"unknown kind '{kind}' (runtime or channels)", nameof(kind)),
        };
        Console.WriteLine(
            $"{kind}: {count:N0} live processes spawned in {spawn.TotalMilliseconds:F0} ms, broadcast delivered to all in {broadcast.TotalMilliseconds:F0} ms, " +
            $"RSS {rss} MB ({rssBefore} MB before spawning; {(rss - rssBefore) * 1024.0 * 1024.0 / count:F0} B a process)");
        GC.KeepAlive(keepAlive);
        return Volatile.Read(ref s_handled) == count ? 0 : 1;
    }

    private static (TimeSpan Spawn, TimeSpan Broadcast, long RssMb, object KeepAlive) RunRuntime(int count)
    {
        var runtime = new ProcessRuntime();
        var pids = new Pid[count];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < pids.Length; i++)
        {
            pids[i] = runtime.Spawn(static (_, _) => Interlocked.Increment(ref s_handled));
        }

        var spawn = watch.Elapsed;
        var message = new object();
        watch.Restart();
        foreach (var pid in pids)
        {
            runtime.Send(pid, message);
        }

        WaitHandled(count);
        var broadcast = watch.Elapsed;
        var rss = RssMb();
        if (runtime.ProcessCount < count)
        {
            throw new InvalidOperationException($"only {runtime.ProcessCount} processes alive after the broadcast");
        }

        return (spawn, broadcast, rss, runtime);
    }

    private static (TimeSpan Spawn, TimeSpan Broadcast, long RssMb, object KeepAlive) RunChannels(int count)
    {
        var channels = new Channel<object>[count];
        var loops = new Task[count];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < channels.Length; i++)
        {
            channels[i] = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
            loops[i] = LoopAsync(channels[i].Reader);
        }

        var spawn = watch.Elapsed;
        var message = new object();
        watch.Restart();
        foreach (var channel in channels)
        {
            channel.Writer.TryWrite(message);
        }

        WaitHandled(count);
        var broadcast = watch.Elapsed;
        return (spawn, broadcast, RssMb(), (channels, loops));
    }

    private static async Task LoopAsync(ChannelReader<object> reader)
    {
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (reader.TryRead(out _))
            {
                Interlocked.Increment(ref s_handled);
            }
        }
    }

    private static void WaitHandled(int count)
    {
        // A millisecond's sleep between looks: spinning would take one of the machine's cores from the handlers.
        while (Volatile.Read(ref s_handled) < count)
        {
            Thread.Sleep(1);
        }
    }

    private static long RssMb()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64 / (1024 * 1024);
    }
}
