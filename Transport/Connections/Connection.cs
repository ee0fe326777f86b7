using System.IO.Pipelines;
using DistSys.Transport.Connections.Internal;
using DistSys.Transport.Handshake;

namespace DistSys.Transport.Connections;

/// <summary>
/// One framed, full-duplex link to a peer over any <see cref="IDuplexPipe"/> (our own socket pipe or a
/// pipe handed over by Kestrel). A read loop parses frames and hands them to an
/// <see cref="IFrameHandler"/>; senders enqueue frames without locks into a bounded queue that a single
/// writer loop drains into the pipe, so many concurrent sends become one flush. Heartbeats keep an idle
/// link alive; silence beyond the idle timeout closes it. <see cref="Shutdown"/> is idempotent and the
/// first reason wins.
/// </summary>
public sealed partial class Connection : IAsyncDisposable
{
    private readonly IDuplexPipe _transport;
    private readonly ConnectionOptions _options;
    private readonly IFrameHandler _handler;
    private readonly OutboundQueue _queue;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reading = Task.CompletedTask;
    private Task _writing = Task.CompletedTask;
    private int _state;
    private int _closeReason;
    private ConnectionState _closedWhile;

    /// <summary>Creates a connection over an established (and, for cluster links, authenticated) transport.</summary>
    public Connection(IDuplexPipe transport, IFrameHandler handler, ConnectionOptions? options = null, PeerInfo? peer = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(handler);
        _options = options ?? new ConnectionOptions();
        _options.Validate();
        _transport = transport;
        _handler = handler;
        _queue = new OutboundQueue(_options.OutboundQueueBytes);
        Peer = peer;
    }

    /// <summary>Who is on the other end, as established by the handshake (null for an unauthenticated link).</summary>
    public PeerInfo? Peer { get; }

    /// <summary>The current state.</summary>
    public ConnectionState State => (ConnectionState)Volatile.Read(ref _state);

    /// <summary>Why it closed, or <see cref="CloseReason.None"/> while open.</summary>
    public CloseReason CloseReason => (CloseReason)Volatile.Read(ref _closeReason);

    /// <summary>The state the connection was in when the first Shutdown arrived (where a timeout struck).</summary>
    public ConnectionState ClosedWhile => _closedWhile;

    /// <summary>Completes when the connection is fully closed and its transport released.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Starts the read, write and heartbeat loops.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, (int)ConnectionState.Open, (int)ConnectionState.Created) != (int)ConnectionState.Created)
        {
            throw new InvalidOperationException("A connection is started once.");
        }

        MarkReceived();
        MarkSent();
        _writing = WriteLoopAsync();
        _reading = ReadLoopAsync();
        StartHeartbeat();
        _started.SetResult();
    }

    /// <summary>Aborts: closes with <see cref="CloseReason.Local"/> without waiting for a slow peer to take queued frames.</summary>
    public async ValueTask DisposeAsync()
    {
        Shutdown(CloseReason.Local);
        try
        {
            _transport.Output.CancelPendingFlush();
        }
        catch (ObjectDisposedException)
        {
            // A stream pipe writer (TLS) that has already completed has disposed its flush token: nothing is pending.
        }

        await Closed.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Connection({Peer?.Name ?? "?"}, {State}, {CloseReason})";
}
