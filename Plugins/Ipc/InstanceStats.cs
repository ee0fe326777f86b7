using System.Diagnostics;

namespace DistSys.Plugins.Ipc;

/// <summary>Counters of one plugin instance, updated without locks from any thread.</summary>
internal sealed class InstanceStats
{
    private long _requests;
    private long _failures;
    private long _latencyTicks;
    private long _maxLatencyTicks;

    public long Requests => Volatile.Read(ref _requests);

    public long Failures => Volatile.Read(ref _failures);

    public TimeSpan MeanLatency => Requests == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, Volatile.Read(ref _latencyTicks) / Requests);

    public TimeSpan MaxLatency => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _maxLatencyTicks));

    public void Completed(PendingCall call, bool failed)
    {
        if (!call.Counted)
        {
            return;
        }

        var ticks = Stopwatch.GetTimestamp() - call.Started;
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _latencyTicks, ticks);
        if (failed)
        {
            Interlocked.Increment(ref _failures);
        }

        var max = Volatile.Read(ref _maxLatencyTicks);
        while (ticks > max && Interlocked.CompareExchange(ref _maxLatencyTicks, ticks, max) is var seen && seen != max)
        {
            max = seen;
        }
    }
}
