using System.Buffers;
using System.Buffers.Binary;
using DistSys.Transport.Framing;

namespace DistSys.Transport.Serialization;

/// <summary>
/// Hand-written binary reader for system messages over a <see cref="ReadOnlySequence{T}"/>, the mirror of
/// <see cref="WireWriter"/>. A single-segment payload (the common case) is read straight from one span; a
/// payload spread over segments goes through a <see cref="SequenceReader{T}"/>. Every declared length and
/// count is checked against the bytes remaining and against the configured caps before anything is
/// allocated; every violation is a <see cref="ProtocolException"/>.
/// </summary>
public ref partial struct WireReader
{
    private readonly ReadOnlySequence<byte> _sequence;
    private readonly ReadOnlySpan<byte> _span;
    private readonly bool _singleSegment;
    private readonly int _maxStringBytes;
    private readonly int _maxListCount;
    private SequenceReader<byte> _reader;
    private int _position;

    /// <summary>Reads <paramref name="payload"/> with the default limits.</summary>
    public WireReader(ReadOnlySequence<byte> payload)
        : this(payload, TransportLimits.Default)
    {
    }

    /// <summary>Reads <paramref name="payload"/>, enforcing <paramref name="limits"/>.</summary>
    public WireReader(ReadOnlySequence<byte> payload, TransportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _sequence = payload;
        _maxStringBytes = limits.MaxStringBytes;
        _maxListCount = limits.MaxListCount;
        _singleSegment = payload.IsSingleSegment;
        if (_singleSegment)
        {
            _span = payload.FirstSpan;
        }
        else
        {
            _reader = new SequenceReader<byte>(payload);
        }
    }

    /// <summary>Bytes not read yet.</summary>
    public readonly long Remaining => _singleSegment ? _span.Length - _position : _reader.Remaining;

    /// <summary>Bytes read so far.</summary>
    public readonly long Consumed => _singleSegment ? _position : _reader.Consumed;

    /// <summary>Reads one byte.</summary>
    public byte ReadByte()
    {
        if (_singleSegment)
        {
            if ((uint)_position >= (uint)_span.Length)
            {
                WireThrow.Truncated();
            }

            return _span[_position++];
        }

        if (!_reader.TryRead(out var value))
        {
            WireThrow.Truncated();
        }

        return value;
    }

    /// <summary>Reads a fixed 2-byte little-endian integer.</summary>
    public ushort ReadUInt16()
    {
        if (TryTakeContiguous(sizeof(ushort), out var bytes))
        {
            return BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        }

        _reader.TryReadLittleEndian(out short value);
        return (ushort)value;
    }

    /// <summary>Reads a fixed 4-byte little-endian integer.</summary>
    public uint ReadUInt32()
    {
        if (TryTakeContiguous(sizeof(uint), out var bytes))
        {
            return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        }

        _reader.TryReadLittleEndian(out int value);
        return (uint)value;
    }

    /// <summary>Reads a fixed 8-byte little-endian integer.</summary>
    public ulong ReadUInt64()
    {
        if (TryTakeContiguous(sizeof(ulong), out var bytes))
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        }

        _reader.TryReadLittleEndian(out long value);
        return (ulong)value;
    }

    /// <summary>Copies exactly <paramref name="destination"/>.Length bytes (fixed-size fields such as nonces).</summary>
    public void ReadExactly(scoped Span<byte> destination)
    {
        if (TryTakeContiguous(destination.Length, out var bytes))
        {
            bytes.CopyTo(destination);
            return;
        }

        _reader.TryCopyTo(destination);
        _reader.Advance(destination.Length);
    }

    /// <summary>Fails unless every byte was read: trailing bytes are a sign of a lying length or a confused peer.</summary>
    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
        {
            WireThrow.Malformed($"{Remaining} unexpected trailing bytes");
        }
    }

    /// <summary>
    /// Takes the next <paramref name="length"/> bytes when they are contiguous (no copy). Returns false when
    /// they straddle segments, leaving them for the caller's slow path: the bytes are known to be there.
    /// </summary>
    private bool TryTakeContiguous(int length, out ReadOnlySpan<byte> bytes)
    {
        if (Remaining < length)
        {
            WireThrow.Truncated();
        }

        if (_singleSegment)
        {
            bytes = _span.Slice(_position, length);
            _position += length;
            return true;
        }

        var unread = _reader.UnreadSpan;
        if (unread.Length >= length)
        {
            bytes = unread[..length];
            _reader.Advance(length);
            return true;
        }

        bytes = default;
        return false;
    }
}
