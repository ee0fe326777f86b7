using System.Net;
using DistSys.Transport.Connections;
using DistSys.Transport.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistSys.Runtime.Distribution;

/// <summary>Settings of one cluster node. Defaults suit a loopback or LAN cluster.</summary>
public sealed record ClusterNodeOptions
{
    /// <summary>The node's name, unique in the cluster ("master", "worker1"); its hash is the node id.</summary>
    public required string Name { get; init; }

    /// <summary>Master or worker.</summary>
    public NodeRole Role { get; init; } = NodeRole.Worker;

    /// <summary>The host other nodes dial to reach this one (advertised in membership).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port other nodes dial (advertised); 0 takes the bound port of <see cref="ListenEndPoint"/>.</summary>
    public int Port { get; init; }

    /// <summary>The master's host (workers only).</summary>
    public string? MasterHost { get; init; }

    /// <summary>The master's port (workers only).</summary>
    public int MasterPort { get; init; }

    /// <summary>
    /// Workers only: other masters to try, in order, after <see cref="MasterHost"/>:<see cref="MasterPort"/> (the
    /// standbys of a shared store, docs/ha.md). Joins and rejoins go round the list until one accepts: a standby
    /// refuses cluster links, so the one that accepts is the leader.
    /// </summary>
    public IReadOnlyList<DnsEndPoint> OtherMasters { get; init; } = [];

    /// <summary>The cluster cookie; null resolves it with <see cref="CookieSource"/> (DISTSYS_COOKIE, ~/.distsys.cookie).</summary>
    public ClusterCookie? Cookie { get; init; }

    /// <summary>A heartbeat is sent after this long without sending anything (default 200 ms).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// A peer from which nothing (not even a heartbeat) arrived for this long is declared down. The default
    /// (800 ms, checked every half heartbeat) declares a silent node down within 1 s.
    /// </summary>
    public TimeSpan FailureTimeout { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>When set, the node runs its own <see cref="ClusterListener"/> here (tests, nodes without Kestrel).</summary>
    public IPEndPoint? ListenEndPoint { get; init; }

    /// <summary>Delays between attempts to reach the master (default 100 ms doubling to 2 s, with jitter).</summary>
    public BackoffPolicy JoinBackoff { get; init; } = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));

    /// <summary>
    /// Bytes of frames held per member while its connection is being made or its outbound queue is full (a
    /// sender outrunning the socket); beyond this, messages to it are dropped and counted (default 64 MiB).
    /// </summary>
    public long BacklogLimitBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Master: how long a worker it downed to end a partition with another worker stays refused before it may
    /// rejoin (counted from the last report naming it; docs/distribution.md, "Partial partitions").
    /// </summary>
    public TimeSpan PartitionQuarantine { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a global-registry or spawn request to another node may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where the node logs (joins, members up/down, refusals, retries).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Settings of the node's process runtime; NodeId and Incarnation are set by the node.</summary>
    public ProcessRuntimeOptions Runtime { get; init; } = new();

    /// <summary>Settings of every cluster connection; heartbeat and idle timeout are taken from this record.</summary>
    public ConnectionOptions? Connection { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HeartbeatInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FailureTimeout, HeartbeatInterval);
        ArgumentOutOfRangeException.ThrowIfNegative(BacklogLimitBytes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PartitionQuarantine, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(LoggerFactory);
        ArgumentNullException.ThrowIfNull(Runtime);
        ArgumentNullException.ThrowIfNull(JoinBackoff);
        if (Port == 0 && ListenEndPoint is null)
        {
            throw new ArgumentException("Port: the port other nodes dial to reach this one is required (or set ListenEndPoint and it is taken from there).", nameof(Port));
        }

        if (Role == NodeRole.Worker && (string.IsNullOrWhiteSpace(MasterHost) || MasterPort is <= 0 or > ushort.MaxValue))
        {
            throw new ArgumentException("A worker needs MasterHost and MasterPort (1-65535).", nameof(MasterHost));
        }
    }
}
