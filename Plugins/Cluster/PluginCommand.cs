using MessagePack;

namespace DistSys.Plugins.Cluster;

/// <summary>Master → a worker's plugin control process: run this control operation on your plugin manager.</summary>
/// <param name="Kind">Deploy, rollback or stop.</param>
/// <param name="Name">The plugin.</param>
/// <param name="Version">The version to deploy (deploy only).</param>
/// <param name="Path">The plugin executable, an absolute path that must be valid on the worker (deploy only).</param>
[MessagePackObject]
public sealed record PluginCommand(
    [property: Key(0)] PluginCommandKind Kind,
    [property: Key(1)] string Name,
    [property: Key(2)] string? Version = null,
    [property: Key(3)] string? Path = null);
