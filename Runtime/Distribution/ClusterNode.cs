using System.Net;
using DistSys.Runtime.Distribution.Internal;
using DistSys.Transport.Connections;
using DistSys.Transport.Handshake;
using DistSys.Transport.Security;
using Microsoft.Extensions.Logging;

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
    private const int Running = 0;
    private const int Leaving = 1;
    private const int Disposed = 2;

    private readonly ClusterNodeOptions _options;
    private readonly ILogger _logger;
    private readonly ConnectionOptions _connectionOptions;
    private readonly ClusterAcceptor _acceptor;
    private readonly ClusterConnector _joinConnector;
    private readonly ClusterConnector _meshConnector;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ITimer _sampler;

    // The owned parts (lock order, outermost first: membership → dialer → peer table; requests, spawns,
    // global names and the outbound router take no lock). The façade calls them and does the effects — frames, process
    // notifications, events — outside every lock.
    private readonly PeerTable _peers;
    private readonly Membership _membership;
    private readonly MeshDialer _dialer;
    private readonly RemoteRequests _requests;
    private readonly GlobalNames _globals;
    private readonly PartitionArbiter _arbiter;
    private readonly HashSet<string> _reporting = new(StringComparer.Ordinal);

    // Worker: the global names this node's processes hold, registered again with a new master after a rejoin.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Pid> _ownGlobals = new(StringComparer.Ordinal);
    private readonly RemoteSpawns _spawns;
    private ClusterListener? _listener;
    private int _port;
    private int _stopping;

    private ClusterNode(ClusterNodeOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("DistSys.Runtime.Distribution");
        Name = options.Name;
        NodeId = NodeIds.Of(Name);
        Role = options.Role;
        Runtime = new ProcessRuntime(options.Runtime with { NodeId = NodeId, Incarnation = 0 });
        var cookie = options.Cookie ?? new CookieSource().Resolve();
        var handshake = new HandshakeOptions(Name, (uint)Runtime.Incarnation, cookie);
        _connectionOptions = ConnectionSettings(options, options.LoggerFactory.CreateLogger("DistSys.Transport"));
        var handler = new NodeFrameHandler(this);
        _acceptor = new ClusterAcceptor(handshake, handler, _connectionOptions);
        _acceptor.Connected += connection => Adopt(connection);
        _joinConnector = new ClusterConnector(handshake, handler, _connectionOptions) { MaxAttempts = 1 };
        _meshConnector = new ClusterConnector(handshake, handler, _connectionOptions, options.JoinBackoff) { MaxAttempts = 5 };
        _port = options.Port;
        _peers = new PeerTable(Name, NodeId, options.BacklogLimitBytes, Counters, _logger, () => IsStopping, (name, incarnation) => _membership!.ListedGone(name, incarnation));
        _membership = new Membership(Name, Incarnation, Role, _peers);
        _dialer = new MeshDialer(Name, _peers, _membership, () => IsStopping, DialOnceAsync, options.JoinBackoff, _lifetime.Token);
        _requests = new RemoteRequests(Runtime, MessageTypes, options.RequestTimeout);
        _globals = new GlobalNames(Name, Role, Runtime, _peers, _requests, options.RequestTimeout);
        _arbiter = new PartitionArbiter(options.FailureTimeout, options.PartitionQuarantine, TimeProvider.System);
        _spawns = new RemoteSpawns(Name, Runtime, Behaviours, MessageTypes, _peers, _requests);
        Runtime.RemoteRouter = new OutboundRouter(Name, Runtime, _peers, _requests, MessageTypes, Counters);
        _sampler = TimeProvider.System.CreateTimer(static state => ((ClusterNode)state!).SamplePeers(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        RuntimeMetrics.Register(this);
    }

    /// <summary>Starts a node: its runtime and, when <see cref="ClusterNodeOptions.ListenEndPoint"/> is set, its own listener.</summary>
    public static Task<ClusterNode> StartAsync(ClusterNodeOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ct.ThrowIfCancellationRequested();
        var node = new ClusterNode(options);
        node.Start();
        return Task.FromResult(node);
    }

    /// <summary>The node's name ("master", "worker1").</summary>
    public string Name { get; }

    /// <summary><see cref="Pid.Node"/> of this node's processes: a stable 31-bit hash of <see cref="Name"/> (collisions refused at join).</summary>
    public int NodeId { get; }

    /// <summary>This run of the node; a restart with the same name gets a new one.</summary>
    public int Incarnation => Runtime.Incarnation;

    /// <summary>Master or worker.</summary>
    public NodeRole Role { get; }

    /// <summary>The node's processes: Send/Spawn/Link/Monitor/CallAsync work the same for remote pids.</summary>
    public ProcessRuntime Runtime { get; }

    /// <summary>Where the node's own listener is bound (null when the host's Kestrel owns the port).</summary>
    public IPEndPoint? ListenEndPoint => _listener?.EndPoint;

    /// <summary>The port this node advertises to the others.</summary>
    public int Port => _port;

    /// <summary>The behaviours other nodes may spawn here by name.</summary>
    public BehaviourRegistry Behaviours { get; } = new();

    /// <summary>The MessagePack types allowed on the wire (besides byte[], strings and primitives).</summary>
    public MessageTypes MessageTypes { get; } = new();

    /// <summary>Counters: messages sent, received, dropped to unreachable nodes, nodes down, refusals.</summary>
    public ClusterCounters Counters { get; } = new();

    /// <summary>Aborts: closes every connection without announcing a departure (peers see a failure), stops the runtime.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopping, Disposed) == Disposed)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false); // stops a rejoin loop
        await _sampler.DisposeAsync().ConfigureAwait(false);
        if (_listener is { } listener)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(_peers.Connections().Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
        _requests.FailAll();
        RuntimeMetrics.Unregister(this);
        Runtime.Dispose();
    }

    private static ConnectionOptions ConnectionSettings(ClusterNodeOptions options, ILogger logger)
    {
        var basis = options.Connection ?? new ConnectionOptions();
        return new ConnectionOptions
        {
            Pool = basis.Pool,
            MaxPayload = basis.MaxPayload,
            OutboundQueueBytes = basis.OutboundQueueBytes,
            PauseWriterThreshold = basis.PauseWriterThreshold,
            ResumeWriterThreshold = basis.ResumeWriterThreshold,
            SegmentSize = basis.SegmentSize,
            HandshakeTimeout = basis.HandshakeTimeout,
            Counters = basis.Counters,
            TimeProvider = basis.TimeProvider,
            Tls = basis.Tls,
            HeartbeatInterval = options.HeartbeatInterval,
            IdleTimeout = options.FailureTimeout,
            Logger = options.Connection?.Logger ?? logger,
        };
    }

    private void Start()
    {
        if (_options.ListenEndPoint is { } endPoint)
        {
            _listener = new ClusterListener(endPoint, _acceptor).Start();
            if (_port == 0)
            {
                _port = _listener.EndPoint.Port;
            }
        }

        if (Role == NodeRole.Master)
        {
            _globals.Start();
        }

        _sampler.Change(_options.HeartbeatInterval, _options.HeartbeatInterval);
        DistributionLog.NodeStarted(_logger, Name, Role, NodeId, Incarnation, _options.Host, _port);
    }

    private bool IsStopping => Volatile.Read(ref _stopping) != Running;

    private void SamplePeers() => _peers.Sample(DateTimeOffset.UtcNow);
}
