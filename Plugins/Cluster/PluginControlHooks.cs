namespace DistSys.Plugins.Cluster;

/// <summary>What a node does besides its plugin manager when a control command succeeds (e.g. offer the plugin to jobs).</summary>
/// <param name="Activated">A version became active (deploy, hot swap, rollback).</param>
/// <param name="Stopped">A plugin was stopped.</param>
public sealed record PluginControlHooks(Action<PluginInfo>? Activated = null, Action<string>? Stopped = null)
{
    /// <summary>No hooks.</summary>
    public static PluginControlHooks None { get; } = new();
}
