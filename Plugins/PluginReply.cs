namespace DistSys.Plugins;

/// <summary>A successful response and the version of the plugin that produced it.</summary>
public readonly record struct PluginReply(string Version, byte[] Body);
