using System.Diagnostics;

namespace DistSys.Host.Node;

/// <summary>
/// Two honest start-to-ready figures: from Main's first line (what our code costs) and from the
/// process's start as the OS records it (what the user waits for, .NET runtime start included).
/// </summary>
internal sealed class StartClock
{
    private readonly long _mainEntered = Stopwatch.GetTimestamp();

    public long SinceMainMs => (long)Stopwatch.GetElapsedTime(_mainEntered).TotalMilliseconds;

    public static long SinceProcessStartMs()
    {
        using var self = Process.GetCurrentProcess();
        return (long)(DateTime.Now - self.StartTime).TotalMilliseconds;
    }
}
