namespace DistSys.Plugins.Cluster;

/// <summary>What a <see cref="PluginCommand"/> asks a node's plugin manager to do.</summary>
public enum PluginCommandKind
{
    /// <summary>Deploy (or hot-swap to) a version.</summary>
    Deploy,

    /// <summary>Return to the previous version.</summary>
    Rollback,

    /// <summary>Stop the plugin.</summary>
    Stop,
}
