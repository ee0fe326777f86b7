using BenchmarkDotNet.Attributes;

namespace DistSys.Bench.Plugins;

/// <summary>Sixteen round trips in flight: the message rate (and, at 64 KiB, bytes per second each way).</summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PluginThroughputBenchmarks : PluginEchoBenchmarks
{
    private const int Window = 16;

    [Benchmark(Baseline = true, OperationsPerInvoke = Window)]
    public void UnixSocket() => SocketRoundTrips(Window);

    [Benchmark(OperationsPerInvoke = Window)]
    public void SharedMemoryRing() => RingRoundTrips(Window);
}
