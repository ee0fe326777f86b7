namespace DistSys.Runtime.Distribution;

/// <summary>Sent to node monitors (<see cref="ClusterNode.MonitorNodes"/>) when a node is gone.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Reason">Why: a graceful leave is not a failure.</param>
public sealed record NodeDown(string Node, NodeDownReason Reason)
{
    /// <summary>True when the node failed (connection lost or heartbeats stopped), false when it left on purpose.</summary>
    public bool IsFailure => Reason != NodeDownReason.Left;
}
