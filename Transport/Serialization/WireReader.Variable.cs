using System.Buffers;
using System.Text;
using System.Text.Unicode;
using DistSys.Transport.Framing;

namespace DistSys.Transport.Serialization;

/// <summary>Variable-length fields: varints, strings, byte strings and list counts.</summary>
public ref partial struct WireReader
{
    /// <summary>Reads an unsigned LEB128 varint in its shortest form, at most 10 bytes and within u64.</summary>
    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63 && b > 1)
            {
                WireThrow.BadVarint("varint overflows 64 bits");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (b == 0 && shift != 0)
                {
                    WireThrow.BadVarint("varint is not in its shortest form");
                }

                return result;
            }
        }

        WireThrow.BadVarint("varint is longer than 10 bytes");
        return 0;
    }

    /// <summary>Reads a varint that must fit in 32 bits.</summary>
    public uint ReadVarUInt32()
    {
        var value = ReadVarUInt64();
        if (value > uint.MaxValue)
        {
            WireThrow.BadVarint("varint overflows 32 bits");
        }

        return (uint)value;
    }

    /// <summary>Reads a zigzag-encoded signed varint.</summary>
    public long ReadVarInt64() => ZigZag.Decode(ReadVarUInt64());

    /// <summary>
    /// Reads a list count, rejecting it above the configured cap or above what the remaining bytes could hold
    /// when every element takes at least <paramref name="minElementBytes"/>.
    /// </summary>
    public int ReadCount(int minElementBytes)
    {
        var count = ReadVarUInt64();
        if (count > (ulong)_maxListCount || count * (ulong)Math.Max(minElementBytes, 0) > (ulong)Remaining)
        {
            WireThrow.ListTooLong(count, _maxListCount);
        }

        return (int)count;
    }

    /// <summary>Reads a length-prefixed UTF-8 string of at most the configured maximum bytes.</summary>
    public string ReadString()
    {
        var length = ReadLength(_maxStringBytes, ProtocolError.BadString);
        if (length == 0)
        {
            return string.Empty;
        }

        if (TryTakeContiguous(length, out var contiguous))
        {
            return DecodeUtf8(contiguous);
        }

        Span<byte> copy = length <= 256 ? stackalloc byte[length] : new byte[length];
        ReadExactly(copy);
        return DecodeUtf8(copy);
    }

    /// <summary>Reads a length-prefixed byte string of at most <paramref name="maxLength"/> bytes, without copying.</summary>
    public ReadOnlySequence<byte> ReadBytes(int maxLength)
    {
        var length = ReadLength(maxLength, ProtocolError.Malformed);
        return ReadRaw(length);
    }

    /// <summary>Returns the next <paramref name="length"/> bytes as a slice of the input, without copying.</summary>
    public ReadOnlySequence<byte> ReadRaw(long length)
    {
        if (length < 0 || length > Remaining)
        {
            WireThrow.Truncated();
        }

        if (_singleSegment)
        {
            var slice = _sequence.Slice(_position, length);
            _position += (int)length;
            return slice;
        }

        var rest = _reader.UnreadSequence.Slice(0, length);
        _reader.Advance(length);
        return rest;
    }

    /// <summary>Everything not read yet, as a slice of the input (a trailing payload).</summary>
    public ReadOnlySequence<byte> ReadToEnd() => ReadRaw(Remaining);

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        // Validate first: invalid text from a peer is rejected, never silently replaced with U+FFFD.
        if (!Utf8.IsValid(bytes))
        {
            WireThrow.BadString("string is not valid UTF-8");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private int ReadLength(int max, ProtocolError tooLong)
    {
        var length = ReadVarUInt64();
        if (length > (ulong)max)
        {
            WireThrow.TooLong(tooLong, length, max);
        }

        if (length > (ulong)Remaining)
        {
            WireThrow.Truncated();
        }

        return (int)length;
    }
}
