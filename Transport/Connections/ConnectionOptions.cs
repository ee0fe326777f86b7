using System.Buffers;
using DistSys.Memory;
using DistSys.Transport.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistSys.Transport.Connections;

/// <summary>Tuning for one connection. Defaults suit a LAN cluster; every bound is finite.</summary>
public sealed class ConnectionOptions
{
    /// <summary>Where pipe segments come from (the Memory module's pool in a node, a diagnostic pool in tests).</summary>
    public MemoryPool<byte> Pool { get; init; } = BlockMemoryPool.Shared;

    /// <summary>Largest frame payload accepted or sent (checked before the body is buffered).</summary>
    public int MaxPayload { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Bytes of the lock-free outbound queue senders write into (rounded up to a power of two).
    /// When it is full TrySend returns <see cref="SendResult.Full"/> and SendAsync waits: that is the
    /// backpressure a slow peer exerts on its senders.
    /// </summary>
    public int OutboundQueueBytes { get; init; } = 1024 * 1024;

    /// <summary>Unflushed pipe bytes at which the writer loop pauses (pipe backpressure).</summary>
    public long PauseWriterThreshold { get; init; } = 1024 * 1024;

    /// <summary>Pipe bytes below which a paused writer resumes.</summary>
    public long ResumeWriterThreshold { get; init; } = 512 * 1024;

    /// <summary>Size asked of the pool for each pipe segment (larger segments mean fewer syscalls for big frames).</summary>
    public int SegmentSize { get; init; } = 64 * 1024;

    /// <summary>Send a heartbeat after this long without sending anything.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Close with <see cref="CloseReason.Timeout"/> after this long without receiving anything.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The whole handshake (sniff included) must finish within this; it defeats slow-loris peers.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where connection events (closes, refusals, protocol errors) are logged.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Where closes and handshake outcomes are counted (one instance per node).</summary>
    public TransportCounters Counters { get; init; } = TransportCounters.Shared;

    /// <summary>Clock for heartbeats and idle timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Mutual TLS for cluster links (null = plain TCP): the connector wraps each socket in TLS with ALPN
    /// distsys/1 and the listener accepts only TLS. The cookie handshake runs inside either way.
    /// </summary>
    public ClusterTls? Tls { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Pool);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(Logger);
        ArgumentNullException.ThrowIfNull(Counters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPayload);
        ArgumentOutOfRangeException.ThrowIfLessThan(OutboundQueueBytes, 4096);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SegmentSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(PauseWriterThreshold, ResumeWriterThreshold);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HeartbeatInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleTimeout, HeartbeatInterval);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HandshakeTimeout, TimeSpan.Zero);
    }
}
