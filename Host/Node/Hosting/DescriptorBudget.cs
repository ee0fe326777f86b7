using System.Runtime.InteropServices;

namespace DistSys.Host.Hosting;

/// <summary>
/// How many connections the node can hold before it runs out of file descriptors. A process at its
/// <c>ulimit -n</c> fails in places that are not ready for it (the runtime reports "Out of memory" and the
/// node dies), so Kestrel's connection limit is kept below what the descriptor limit leaves once the node is
/// up, with <see cref="Reserve"/> kept for the store, logs, outbound dials and plugin pipes: past it a new
/// connection is closed at once and logged by Kestrel, and the connections already open keep working.
/// </summary>
internal static partial class DescriptorBudget
{
    /// <summary>Descriptors kept out of the connection budget for everything else the node opens.</summary>
    public const int Reserve = 64;

    /// <summary>The fewest connections allowed whatever the limit (a node must still be reachable).</summary>
    public const int Floor = 8;

    private const int RlimitNoFile = 7;

    /// <summary>
    /// <paramref name="configured"/> (<c>max_connections</c>), lowered to what the descriptor limit leaves, with the
    /// limit itself when it lowered it (null: unchanged, or a platform where this is not known).
    /// </summary>
    public static (int Connections, long? Limit) Fit(int configured)
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(RlimitNoFile, out var limit) != 0 || limit.Current > int.MaxValue)
        {
            return (configured, null);
        }

        var open = Directory.GetFiles("/proc/self/fd").Length;
        var room = Math.Max(Floor, (int)limit.Current - open - Reserve);
        return room < configured ? (room, (long)limit.Current) : (configured, null);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);
}
