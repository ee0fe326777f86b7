namespace DistSys.Plugins;

/// <summary>
/// What one plugin instance may use, applied by the kernel before the plugin's first instruction
/// (see docs/plugins.md) and watched by the node. Configurable per plugin in its <see cref="PluginSpec"/>.
/// </summary>
public sealed record PluginLimits
{
    /// <summary>The limits used when a spec sets none.</summary>
    public static PluginLimits Default { get; } = new();

    /// <summary>Private writable memory (RLIMIT_DATA; the GC's hard limit is set to 3/4 of it). 512 MiB.</summary>
    public long MemoryBytes { get; init => field = AtLeast(value, 64L << 20); } = 512L << 20;

    /// <summary>CPU seconds over the instance's whole life (RLIMIT_CPU): a runaway backstop. One hour.</summary>
    public int CpuSeconds { get; init => field = (int)AtLeast(value, 1); } = 3600;

    /// <summary>Open file descriptors (RLIMIT_NOFILE). 128.</summary>
    public int OpenFiles { get; init => field = (int)AtLeast(value, 32); } = 128;

    /// <summary>
    /// RLIMIT_NPROC when set. Off by default: Linux counts every thread of the user against it (the node's
    /// too when both run as one user) and ignores it for root; the SDK's seccomp filter is what forbids children.
    /// </summary>
    public int? MaxUserProcesses { get; init; }

    /// <summary>How long one request may run before the watchdog kills the instance. 10 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the plugin sends a heartbeat. 250 ms.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Silence after which the watchdog kills the instance. 10 s: forty missed beats, so a plugin starved of
    /// CPU on a busy machine is not mistaken for a dead one (a hung request has its own deadline).
    /// </summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the process may take to start, announce itself and pass its health check. 30 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    private static long AtLeast(long value, long minimum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, minimum);
        return value;
    }
}
