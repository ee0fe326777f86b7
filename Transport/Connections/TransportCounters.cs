using DistSys.Transport.Framing;
using DistSys.Transport.Handshake;

namespace DistSys.Transport.Connections;

/// <summary>
/// Why connections ended and how handshakes went, counted for metrics: a malformed frame or a
/// refused peer closes one connection and is logged, and these counters let an operator see how
/// often it happens. Lock-free; read at any time (each count is exact once the node is quiet).
/// One instance per node is the intent; <see cref="Shared"/> is the default for code that sets none.
/// </summary>
public sealed class TransportCounters
{
    private readonly long[] _closes = new long[Enum.GetValues<CloseReason>().Length];
    private readonly long[] _handshakes = new long[Enum.GetValues<HandshakeOutcome>().Length];
    private readonly long[] _framesReceived = new long[FrameKinds];
    private long _bytesReceived;
    private long _bytesSent;

    /// <summary>The counters used when <see cref="ConnectionOptions.Counters"/> is not set (exported at /metrics).</summary>
    public static TransportCounters Shared { get; } = TransportMetrics.Observe(new());

    /// <summary>One past the largest <see cref="FrameKind"/>: the size of a per-kind table.</summary>
    internal const int FrameKinds = (int)FrameKind.NodeLeaving + 1;

    /// <summary>Connections closed for <paramref name="reason"/>.</summary>
    public long Closed(CloseReason reason) => Volatile.Read(ref _closes[(int)reason]);

    /// <summary>Handshakes (either side) that ended with <paramref name="outcome"/>.</summary>
    public long Handshakes(HandshakeOutcome outcome) => Volatile.Read(ref _handshakes[(int)outcome]);

    /// <summary>Frame bytes taken off every connection's socket (headers included).</summary>
    internal long BytesReceived => Volatile.Read(ref _bytesReceived);

    /// <summary>Frame bytes written to every connection's socket (headers included).</summary>
    internal long BytesSent => Volatile.Read(ref _bytesSent);

    /// <summary>Frames of <paramref name="kind"/> received on every connection.</summary>
    internal long FramesReceived(FrameKind kind) => (uint)kind < FrameKinds ? Volatile.Read(ref _framesReceived[(int)kind]) : 0;

    // Called once per read batch and once per flush, never per frame: a connection counts its frames
    // in plain fields and folds them in here.
    internal void OnReceived(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    internal void OnFramesReceived(int kind, long count) => Interlocked.Add(ref _framesReceived[kind], count);

    internal void OnSent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);

    internal void OnClosed(CloseReason reason) => Interlocked.Increment(ref _closes[(int)reason]);

    internal void OnHandshake(HandshakeOutcome outcome) => Interlocked.Increment(ref _handshakes[(int)outcome]);
}
