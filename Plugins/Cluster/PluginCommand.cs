using MessagePack;

namespace DistSys.Plugins.Cluster;

/// <summary>Master → a worker's plugin control process: run this control operation on your plugin manager.</summary>
/// <param name="Kind">Deploy, rollback or stop.</param>
/// <param name="Name">The plugin.</param>
/// <param name="Version">The version to deploy (deploy only).</param>
/// <param name="Sha256">The package to run, by content address; a worker without it answers <c>artifact_missing</c> and the master sends it (deploy only).</param>
/// <param name="Entry">The program inside the package (deploy only).</param>
[MessagePackObject]
public sealed record PluginCommand(
    [property: Key(0)] PluginCommandKind Kind,
    [property: Key(1)] string Name,
    [property: Key(2)] string? Version = null,
    [property: Key(3)] string? Sha256 = null,
    [property: Key(4)] string? Entry = null);
