using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace DistSys.Transport.Framing;

/// <summary>
/// The fixed 32-byte little-endian header in front of every frame's payload:
/// <code>
///  0        4      5      6        8                16               24               32
///  +--------+------+------+--------+----------------+----------------+----------------+
///  | Length | Kind | Flags|Stat|Res|    Target      |    Sender      |  Correlation   |
///  |  u32   |  u8  |  u8  | u8 |u8=0|     u64        |     u64        |      u64       |
///  +--------+------+------+--------+----------------+----------------+----------------+
///  | Payload (Length bytes) ...
/// </code>
/// Length counts payload bytes only. Target and Sender are local process ids on the receiving and
/// sending node; Correlation pairs a request with its reply (0 = none). Status is a response's outcome
/// where a protocol defines one (the plugin IPC; 0 everywhere else); each field has one meaning.
/// </summary>
public readonly struct FrameHeader : IEquatable<FrameHeader>
{
    /// <summary>Bytes in the encoded header.</summary>
    public const int Size = 32;

    /// <summary>Creates a header; <paramref name="length"/> is filled in by <see cref="FrameWriter"/> when it writes a payload.</summary>
    public FrameHeader(FrameKind kind, FrameFlags flags, ulong target, ulong sender, ulong correlation, int length = 0, byte status = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Kind = kind;
        Status = status;
        Flags = flags;
        Target = target;
        Sender = sender;
        Correlation = correlation;
        Length = length;
    }

    /// <summary>Payload bytes following the header.</summary>
    public int Length { get; }

    /// <summary>What the payload is.</summary>
    public FrameKind Kind { get; }

    /// <summary>Payload encoding, and <see cref="FrameFlags.Linked"/> on an Exit; all other bits are reserved.</summary>
    public FrameFlags Flags { get; }

    /// <summary>A response's outcome where the protocol defines one (the plugin IPC's status); 0 = none / success.</summary>
    public byte Status { get; }

    /// <summary>Local process id on the receiving node (0 = the node itself).</summary>
    public ulong Target { get; }

    /// <summary>Local process id on the sending node (0 = the node itself).</summary>
    public ulong Sender { get; }

    /// <summary>Request/reply id (0 = none).</summary>
    public ulong Correlation { get; }

    /// <summary>The same header with another payload length.</summary>
    public FrameHeader WithLength(int length) => new(Kind, Flags, Target, Sender, Correlation, length, Status);

    /// <summary>Writes the 32 header bytes to the start of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            ThrowDestinationTooSmall();
        }

        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)Length);
        destination[4] = (byte)Kind;
        destination[5] = (byte)Flags;
        destination[6] = Status;
        destination[7] = 0;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Target);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], Sender);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], Correlation);
    }

    /// <summary>Reads and validates a header (kind, flags, reserved byte, length within <see cref="TransportLimits.DefaultMaxPayload"/>).</summary>
    /// <exception cref="ProtocolException">The header is malformed or declares an oversize payload.</exception>
    public static FrameHeader Read(ReadOnlySpan<byte> source) => Read(source, TransportLimits.DefaultMaxPayload);

    /// <summary>Reads and validates a header, rejecting a declared length above <paramref name="maxPayload"/>.</summary>
    /// <exception cref="ProtocolException">The header is malformed or declares an oversize payload.</exception>
    public static FrameHeader Read(ReadOnlySpan<byte> source, int maxPayload)
    {
        if (source.Length < Size)
        {
            ProtocolException.Throw(ProtocolError.Truncated, $"a frame header needs {Size} bytes, got {source.Length}");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(source);
        var kind = (FrameKind)source[4];
        var flags = (FrameFlags)source[5];
        if (length > (uint)maxPayload)
        {
            ThrowOversize(length, maxPayload);
        }

        if (kind is < FrameKind.Hello or > FrameKind.NodeLeaving)
        {
            ThrowUnknownKind(kind);
        }

        // Linked is an Exit's own bit; on any other kind it is as unknown as a reserved one.
        if ((flags & ~(kind == FrameKind.Exit ? FrameFlags.MessagePack | FrameFlags.Linked : FrameFlags.MessagePack)) != 0)
        {
            ThrowUnknownFlags(flags);
        }

        if (source[7] != 0)
        {
            ProtocolException.Throw(ProtocolError.NonZeroReserved, "the frame header's reserved field is not zero");
        }

        return new FrameHeader(
            kind,
            flags,
            BinaryPrimitives.ReadUInt64LittleEndian(source[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[24..]),
            (int)length,
            source[6]);
    }

    public bool Equals(FrameHeader other) =>
        Length == other.Length && Kind == other.Kind && Flags == other.Flags && Status == other.Status &&
        Target == other.Target && Sender == other.Sender && Correlation == other.Correlation;

    public override bool Equals(object? obj) => obj is FrameHeader other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Length, Kind, Flags, Status, Target, Sender, Correlation);

    public override string ToString() =>
        $"{Kind} len={Length} flags={Flags} status={Status} target={Target} sender={Sender} corr={Correlation}";

    public static bool operator ==(FrameHeader left, FrameHeader right) => left.Equals(right);

    public static bool operator !=(FrameHeader left, FrameHeader right) => !left.Equals(right);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDestinationTooSmall() =>
        throw new ArgumentException($"a frame header needs {Size} bytes", "destination");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOversize(uint length, int maxPayload) =>
        ProtocolException.Throw(ProtocolError.Oversize, $"frame declares {length} payload bytes, maximum is {maxPayload}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnknownKind(FrameKind kind) =>
        ProtocolException.Throw(ProtocolError.UnknownKind, $"unknown frame kind {(byte)kind}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnknownFlags(FrameFlags flags) =>
        ProtocolException.Throw(ProtocolError.UnknownFlags, $"reserved frame flags set: 0x{(byte)flags:X2}");
}
