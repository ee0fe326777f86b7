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

    /// <summary>The counters used when <see cref="ConnectionOptions.Counters"/> is not set.</summary>
    public static TransportCounters Shared { get; } = new();

    /// <summary>Connections closed for <paramref name="reason"/>.</summary>
    public long Closed(CloseReason reason) => Volatile.Read(ref _closes[(int)reason]);

    /// <summary>Handshakes (either side) that ended with <paramref name="outcome"/>.</summary>
    public long Handshakes(HandshakeOutcome outcome) => Volatile.Read(ref _handshakes[(int)outcome]);

    internal void OnClosed(CloseReason reason) => Interlocked.Increment(ref _closes[(int)reason]);

    internal void OnHandshake(HandshakeOutcome outcome) => Interlocked.Increment(ref _handshakes[(int)outcome]);
}
