using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace DistSys.Bench.Plugins;

/// <summary>
/// One round trip at a time: latency. BenchmarkDotNet's figures are per-iteration means; the per-request
/// p50/p99 are measured once more at cleanup (20,000 timed round trips per transport) and printed in the
/// log as "plugin-latency" lines.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PluginRoundTripBenchmarks : PluginEchoBenchmarks
{
    private const int Samples = 20_000;

    [Benchmark(Baseline = true)]
    public void UnixSocket() => SocketRoundTrips(1);

    [Benchmark]
    public void SharedMemoryRing() => RingRoundTrips(1);

    public override void Cleanup()
    {
        Report("unix-socket", () => SocketRoundTrips(1));
        Report("shared-memory-ring", () => RingRoundTrips(1));
        base.Cleanup();
    }

    private void Report(string transport, Action roundTrip)
    {
        var latencies = new long[Samples];
        for (var i = 0; i < Samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            roundTrip();
            latencies[i] = Stopwatch.GetTimestamp() - start;
        }

        Array.Sort(latencies);
        Console.WriteLine($"// plugin-latency {transport} size={Size} p50={Micros(latencies[Samples / 2]):F1} us p99={Micros(latencies[Samples * 99 / 100]):F1} us");
    }

    private static double Micros(long ticks) => Stopwatch.GetElapsedTime(0, ticks).TotalMicroseconds;
}
