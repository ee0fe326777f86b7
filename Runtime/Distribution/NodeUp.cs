namespace DistSys.Runtime.Distribution;

/// <summary>Sent to node monitors (<see cref="ClusterNode.MonitorNodes"/>) when a node connects.</summary>
/// <param name="Node">The node's name.</param>
public sealed record NodeUp(string Node);
