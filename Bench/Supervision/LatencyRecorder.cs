using System.Diagnostics;

namespace DistSys.Bench.Supervision;

/// <summary>
/// Records the latency of single operations into a preallocated buffer (no allocation while
/// measuring) and reports p50/p99, which BenchmarkDotNet's per-iteration statistics cannot give
/// for one operation.
/// </summary>
internal sealed class LatencyRecorder(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _count;

    public void Record(long startTimestamp)
    {
        var elapsed = Stopwatch.GetTimestamp() - startTimestamp;
        _ticks[_count++ % _ticks.Length] = elapsed;
    }

    /// <summary>Prints p50, p99 and max in microseconds over what was recorded (the newest buffer-full).</summary>
    public void Report(string what)
    {
        var count = Math.Min(_count, _ticks.Length);
        if (count == 0)
        {
            return;
        }

        var sorted = _ticks[..count];
        Array.Sort(sorted);
        Console.WriteLine(
            $"// {what}: {count} operations, p50 {Micros(sorted[count / 2]):F2} µs, p99 {Micros(sorted[(int)(count * 0.99)]):F2} µs, max {Micros(sorted[^1]):F2} µs");
    }

    private static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
