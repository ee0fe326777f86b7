namespace DistSys.Runtime.Distribution;

/// <summary>One member of the cluster as this node sees it at one moment (immutable).</summary>
/// <param name="Name">The node's name (unique in the cluster).</param>
/// <param name="NodeId">The node's index: <see cref="Pid.Node"/> of its processes.</param>
/// <param name="Host">The host it advertises for cluster connections.</param>
/// <param name="Port">The port it advertises for cluster connections.</param>
/// <param name="Incarnation">Which run of the node (a restart makes a new one).</param>
/// <param name="State">Up, leaving, left, down, …</param>
/// <param name="Role">Master or worker.</param>
/// <param name="LastHeartbeat">When anything was last received from it on this node (null if never connected).</param>
public sealed record MemberSnapshot(
    string Name,
    int NodeId,
    string Host,
    int Port,
    int Incarnation,
    MemberState State,
    NodeRole Role,
    DateTimeOffset? LastHeartbeat)
{
    /// <summary>True for a member that is connected and healthy.</summary>
    public bool IsUp => State == MemberState.Up;
}
