using System.Numerics;
using System.Text;

namespace DistSys.Transport.Serialization;

/// <summary>Exact encoded sizes of <see cref="WireWriter"/> fields, so a message can declare its length before it is written.</summary>
internal static class WireSize
{
    /// <summary>Bytes of an unsigned varint.</summary>
    public static int VarUInt64(ulong value) => value == 0 ? 1 : (64 - BitOperations.LeadingZeroCount(value) + 6) / 7;

    /// <summary>Bytes of a zigzag varint.</summary>
    public static int VarInt64(long value) => VarUInt64(ZigZag.Encode(value));

    /// <summary>Bytes of a length-prefixed UTF-8 string.</summary>
    public static int Utf8String(ReadOnlySpan<char> value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        return VarUInt64((ulong)byteCount) + byteCount;
    }

    /// <summary>Bytes of a length-prefixed byte span.</summary>
    public static int Bytes(int length) => VarUInt64((ulong)length) + length;
}
