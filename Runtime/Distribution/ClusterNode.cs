using System.IO.Pipelines;
using DistSys.Transport.Connections;
using DistSys.Transport.Handshake;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// One node of a cluster: it owns the node's <see cref="ProcessRuntime"/> and routes everything addressed
/// to other nodes over authenticated connections, so Send, Link, Monitor, Exit and CallAsync work the same
/// for a remote pid. A worker joins through the master, which tells every member about every other; members
/// then connect to each other (full mesh). Heartbeats detect a silent node; on node down every link to its
/// processes fires noconnection, monitors get DOWN noconnection and node monitors get <see cref="NodeDown"/>.
/// </summary>
public sealed partial class ClusterNode : IAsyncDisposable
{
    /// <summary>Starts a node: its runtime and, when <see cref="ClusterNodeOptions.ListenEndPoint"/> is set, its own listener.</summary>
    public static Task<ClusterNode> StartAsync(ClusterNodeOptions options, CancellationToken ct = default) => throw new NotImplementedException();

    /// <summary>The node's name ("master", "worker1").</summary>
    public string Name { get; } = "";

    /// <summary><see cref="Pid.Node"/> of this node's processes: a stable 31-bit hash of <see cref="Name"/> (collisions refused at join).</summary>
    public int NodeId { get; }

    /// <summary>This run of the node; a restart with the same name gets a new one.</summary>
    public int Incarnation => Runtime.Incarnation;

    /// <summary>Master or worker.</summary>
    public NodeRole Role { get; }

    /// <summary>The node's processes: Send/Spawn/Link/Monitor/CallAsync work the same for remote pids.</summary>
    public ProcessRuntime Runtime { get; } = null!;

    /// <summary>Where the node's own listener is bound (null when the host's Kestrel owns the port).</summary>
    public System.Net.IPEndPoint? ListenEndPoint { get; }

    /// <summary>The membership view, this node included (name, address, incarnation, state, role, last heartbeat).</summary>
    public IReadOnlyList<MemberSnapshot> Members => throw new NotImplementedException();

    /// <summary>Raised when a member's state changes (up, leaving, left, down), for logs and REST. Must not block.</summary>
    public event Action<MemberSnapshot>? MemberChanged;

    /// <summary>The behaviours other nodes may spawn here by name.</summary>
    public BehaviourRegistry Behaviours { get; } = new();

    /// <summary>The MessagePack types allowed on the wire (besides byte[], strings and primitives).</summary>
    public MessageTypes MessageTypes { get; } = new();

    /// <summary>Counters: messages sent, received, dropped to unreachable nodes, nodes down, refusals.</summary>
    public ClusterCounters Counters { get; } = new();

    /// <summary>Worker: dials the master with backoff until joined (each retry logged); completes once the master accepted this node.</summary>
    public Task JoinAsync(CancellationToken ct) => throw new NotImplementedException();

    /// <summary>Accepts a cluster connection handed over by the host (Kestrel's port-sharing middleware).</summary>
    public Task<(HandshakeResult Result, Connection? Connection)> AcceptAsync(IDuplexPipe transport, string? remote, CancellationToken ct) =>
        throw new NotImplementedException();

    /// <summary>Dials a node at <paramref name="host"/>:<paramref name="port"/> and returns it once it introduced itself.</summary>
    public Task<MemberSnapshot> ConnectAsync(string host, int port, CancellationToken ct) => throw new NotImplementedException();

    /// <summary><paramref name="watcher"/> receives <see cref="NodeUp"/> and <see cref="NodeDown"/> messages from now on (until it exits).</summary>
    public void MonitorNodes(Pid watcher) => throw new NotImplementedException();

    /// <summary>
    /// Spawns the behaviour registered as <paramref name="behaviour"/> on node <paramref name="node"/> with
    /// <paramref name="args"/> (MessagePack-serialized); when <paramref name="link"/> names a local process, the
    /// new process is linked to it. Fails with <see cref="RemoteSpawnException"/> (unknown node or behaviour,
    /// bad arguments, node down) or <see cref="TimeoutException"/>.
    /// </summary>
    public Task<Pid> SpawnAsync(string node, string behaviour, object? args, TimeSpan timeout, Pid link = default) =>
        throw new NotImplementedException();

    /// <summary>Registers <paramref name="name"/> cluster-wide for <paramref name="pid"/>; false when the name is taken. Released when the process or its node dies.</summary>
    public Task<bool> RegisterGlobalAsync(string name, Pid pid) => throw new NotImplementedException();

    /// <summary>Removes a global name; false when it was not registered.</summary>
    public Task<bool> UnregisterGlobalAsync(string name) => throw new NotImplementedException();

    /// <summary>The pid registered cluster-wide as <paramref name="name"/>, or null.</summary>
    public Task<Pid?> WhereisGlobalAsync(string name) => throw new NotImplementedException();

    /// <summary>Graceful departure: NodeLeaving to every member, drain queued frames, close. Peers record it as left, not failed.</summary>
    public Task LeaveAsync(CancellationToken ct) => throw new NotImplementedException();

    /// <summary>Aborts: closes every connection without announcing a departure (peers see a failure), stops the runtime.</summary>
    public ValueTask DisposeAsync() => throw new NotImplementedException();

    private void RaiseMemberChanged(MemberSnapshot member) => MemberChanged?.Invoke(member);
}
