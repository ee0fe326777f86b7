using MessagePack;

namespace DistSys.Plugins.Cluster;

/// <summary>How one node's plugin manager ran a <see cref="PluginCommand"/>.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Ok">True when the command took effect there.</param>
/// <param name="Error">A stable error code when not (the REST API's: start_failed, not_deployed, no_previous_version, invalid_path, invalid_request, unreachable).</param>
/// <param name="Detail">The reason, for people.</param>
/// <param name="Version">The version active on the node afterwards (null after a stop or a failure).</param>
[MessagePackObject]
public sealed record PluginNodeOutcome(
    [property: Key(0)] string Node,
    [property: Key(1)] bool Ok,
    [property: Key(2)] string? Error = null,
    [property: Key(3)] string? Detail = null,
    [property: Key(4)] string? Version = null);
