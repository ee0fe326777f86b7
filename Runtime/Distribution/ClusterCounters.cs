namespace DistSys.Runtime.Distribution;

/// <summary>What one node's distribution layer did, for metrics and tests. Thread-safe; counts only grow.</summary>
public sealed class ClusterCounters
{
    private long _sent;
    private long _received;
    private long _dropped;
    private long _staleIncarnation;
    private long _nodesDown;
    private long _nodesLeft;
    private long _refused;

    /// <summary>User messages queued to other nodes.</summary>
    public long MessagesSent => Volatile.Read(ref _sent);

    /// <summary>User messages received from other nodes.</summary>
    public long MessagesReceived => Volatile.Read(ref _received);

    /// <summary>Messages dropped because their node was unknown, down, or too far behind (sender never blocked).</summary>
    public long MessagesDropped => Volatile.Read(ref _dropped);

    /// <summary>Messages and signals dropped because they named an old incarnation of a node.</summary>
    public long StaleIncarnation => Volatile.Read(ref _staleIncarnation);

    /// <summary>Members declared failed (connection lost or heartbeat timeout).</summary>
    public long NodesDown => Volatile.Read(ref _nodesDown);

    /// <summary>Members that left gracefully.</summary>
    public long NodesLeft => Volatile.Read(ref _nodesLeft);

    /// <summary>Connections refused after the handshake (bad cookie, name collision, bad introduction).</summary>
    public long ConnectionsRefused => Volatile.Read(ref _refused);

    internal void OnSent() => Interlocked.Increment(ref _sent);

    internal void OnReceived() => Interlocked.Increment(ref _received);

    internal void OnDropped() => Interlocked.Increment(ref _dropped);

    internal void OnStale() => Interlocked.Increment(ref _staleIncarnation);

    internal void OnNodeDown(bool left) => Interlocked.Increment(ref left ? ref _nodesLeft : ref _nodesDown);

    internal void OnRefused() => Interlocked.Increment(ref _refused);
}
