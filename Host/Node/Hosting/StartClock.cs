using System.Diagnostics;

namespace DistSys.Host.Hosting;

/// <summary>
/// Two honest start-to-ready figures: from Main's first line (what our code costs) and from the
/// process's start as the OS records it (what the user waits for, .NET runtime start included),
/// plus where Main's share went, phase by phase, for the debug log.
/// </summary>
internal sealed class StartClock
{
    private readonly long _mainEntered = Stopwatch.GetTimestamp();
    private readonly List<(string Phase, long Ms)> _phases = [];
    private long _last;

    public StartClock() => _last = _mainEntered;

    public long SinceMainMs => (long)Stopwatch.GetElapsedTime(_mainEntered).TotalMilliseconds;

    /// <summary>The phases marked so far, "settings 3 ms, cluster core 40 ms, ...".</summary>
    public string Phases => string.Join(", ", _phases.Select(p => $"{p.Phase} {p.Ms} ms"));

    public static long SinceProcessStartMs()
    {
        using var self = Process.GetCurrentProcess();
        return (long)(DateTime.Now - self.StartTime).TotalMilliseconds;
    }

    /// <summary>Ends the phase called <paramref name="phase"/> now (start-up is one thread: no locking).</summary>
    public void Mark(string phase)
    {
        var now = Stopwatch.GetTimestamp();
        _phases.Add((phase, (long)Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds));
        _last = now;
    }
}
