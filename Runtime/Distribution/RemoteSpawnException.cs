namespace DistSys.Runtime.Distribution;

/// <summary>A remote spawn failed: the node is unknown or down, the behaviour is not registered there, or its arguments were refused.</summary>
public sealed class RemoteSpawnException(string node, string behaviour, string reason)
    : Exception($"spawning '{behaviour}' on node '{node}' failed: {reason}")
{
    /// <summary>The node asked to spawn.</summary>
    public string Node { get; } = node;

    /// <summary>The behaviour's registered name.</summary>
    public string Behaviour { get; } = behaviour;

    /// <summary>Why it failed.</summary>
    public string Reason { get; } = reason;
}
