using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DistSys.Plugins;

namespace DistSys.Bench.Plugins;

/// <summary>
/// The pause a hot swap causes: two threads call wordfreq "count" back to back while each operation
/// swaps the plugin to its other version (1 ↔ 2). The operation's time is the whole swap (start the new
/// process, health check, switch, drain and stop the old one); the longest single request latency seen
/// during it, and any failed request, are printed as "plugin-hotswap" lines. There is no baseline: no
/// other way to swap exists to compare with.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 8)]
public class HotSwapPauseBenchmarks
{
    private static readonly byte[] Text = "the quick brown fox jumps over the lazy dog the end"u8.ToArray();
    private readonly DistSys.Runtime.ProcessRuntime _runtime = new();
    private PluginManager _manager = null!;
    private Task[] _callers = [];
    private volatile bool _stop;
    private long _maxLatency;
    private long _failures;
    private long _requests;
    private int _swaps;

    [GlobalSetup]
    public void Setup()
    {
        _manager = PluginManager.StartAsync(_runtime).GetAwaiter().GetResult();
        _manager.DeployAsync(PluginPeers.Spec("wordfreq", "1", "WordFreqV1")).GetAwaiter().GetResult();
        _callers = [.. Enumerable.Range(0, 2).Select(_ => Task.Run(CallAsync))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        Task.WaitAll(_callers);
        _manager.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _runtime.Dispose();
    }

    [Benchmark]
    public void Swap()
    {
        Interlocked.Exchange(ref _maxLatency, 0);
        var failuresBefore = Interlocked.Read(ref _failures);
        var requestsBefore = Interlocked.Read(ref _requests);
        var next = ++_swaps % 2 == 1 ? PluginPeers.Spec("wordfreq", "2", "WordFreqV2") : PluginPeers.Spec("wordfreq", "1", "WordFreqV1");
        var started = Stopwatch.GetTimestamp();
        _manager.DeployAsync(next).GetAwaiter().GetResult();
        var swap = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(
            $"// plugin-hotswap to v{next.Version}: swap {swap.TotalMilliseconds:F0} ms, longest request {Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _maxLatency)).TotalMilliseconds:F2} ms, " +
            $"{Interlocked.Read(ref _requests) - requestsBefore} requests, {Interlocked.Read(ref _failures) - failuresBefore} failed");
    }

    private async Task CallAsync()
    {
        while (!_stop)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await _manager.InvokeAsync("wordfreq", "count", Text);
            }
            catch (PluginException)
            {
                Interlocked.Increment(ref _failures);
            }

            var ticks = Stopwatch.GetTimestamp() - started;
            Interlocked.Increment(ref _requests);
            var max = Interlocked.Read(ref _maxLatency);
            while (ticks > max && Interlocked.CompareExchange(ref _maxLatency, ticks, max) is var seen && seen != max)
            {
                max = seen;
            }
        }
    }
}
