using DistSys.Runtime.Distribution;

namespace DistSys.Plugins.Cluster;

/// <summary>The plugin service's messages that cross nodes (tags 720-739 are the plugin service's).</summary>
public static class PluginMessages
{
    /// <summary>Allows the plugin control messages on the wire; every node registers them under the same tags.</summary>
    public static void Register(MessageTypes types)
    {
        ArgumentNullException.ThrowIfNull(types);
        types.Register<PluginCommand>(720);
        types.Register<PluginNodeOutcome>(721);
        types.Register<PluginArtifactChunk>(722);
    }
}
