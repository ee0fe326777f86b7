using DistSys.Transport.SharedMemory;

namespace DistSys.Plugins;

/// <summary>One version of one plugin: where its executable is and how its instances run.</summary>
/// <param name="Name">The plugin's name; its hello must say the same.</param>
/// <param name="Version">The version deployed; its hello must say the same.</param>
/// <param name="Path">The plugin executable: a framework-dependent .dll (run with the node's dotnet host) or a native executable.</param>
public sealed record PluginSpec(string Name, string Version, string Path)
{
    /// <summary>Extra command-line arguments for the plugin.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The instance's sandbox and watchdog limits.</summary>
    public PluginLimits Limits { get; init; } = PluginLimits.Default;

    /// <summary>Bytes per ring; also bounds one request or response (a power of two from 4 KiB). 1 MiB.</summary>
    public int RingCapacity { get; init; } = SharedMemoryChannel.DefaultRingCapacity;

    /// <summary>Restarts allowed within <see cref="RestartPeriod"/> before the plugin's supervisor gives up. 5.</summary>
    public int RestartIntensity { get; init; } = 5;

    /// <summary>The restart window. 10 s.</summary>
    public TimeSpan RestartPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Run callers' continuations on the instance's reader thread instead of the thread pool: one hop
    /// fewer per request, but a caller that blocks there (or waits synchronously for another request to
    /// the same instance) stalls or deadlocks every response of the instance. False.
    /// </summary>
    public bool InlineCompletions { get; init; }

    /// <summary>How instances are isolated (bubblewrap, required by default).</summary>
    public PluginSandbox Sandbox { get; init; } = PluginSandbox.Default;

    /// <summary>Where instances get their own working directories; null uses the system temp directory.</summary>
    public string? WorkRoot { get; init; }

    /// <summary>"name@version", as logs and errors name it.</summary>
    public override string ToString() => $"{Name}@{Version}";
}
