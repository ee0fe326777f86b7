using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace DistSys.Transport.Serialization;

/// <summary>
/// Hand-written binary writer for system messages over an <see cref="IBufferWriter{T}"/>: fixed-width
/// little-endian integers, LEB128 varints (zigzag for signed), varint-length-prefixed UTF-8 strings and
/// byte spans. It writes into the span it was given and advances the output in chunks, so call
/// <see cref="Flush"/> when done. Allocates nothing.
/// </summary>
public ref struct WireWriter
{
    /// <summary>Longest varint: a u64 in 7-bit groups.</summary>
    public const int MaxVarintBytes = 10;

    private const int MinChunk = 256;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _free;
    private int _buffered;
    private long _committed;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    public WireWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Bytes written so far, flushed or not.</summary>
    public readonly long Written => _committed + _buffered;

    /// <summary>Advances the output past everything written so far.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _committed += _buffered;
            _buffered = 0;
        }

        _free = default;
    }

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value) => Take(1)[0] = value;

    /// <summary>Writes a fixed 2-byte little-endian integer.</summary>
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Take(sizeof(ushort)), value);

    /// <summary>Writes a fixed 4-byte little-endian integer.</summary>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(sizeof(uint)), value);

    /// <summary>Writes a fixed 8-byte little-endian integer.</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(sizeof(ulong)), value);

    /// <summary>Writes an unsigned LEB128 varint (1–10 bytes, shortest form).</summary>
    public void WriteVarUInt64(ulong value)
    {
        Ensure(MaxVarintBytes);
        var n = 0;
        while (value >= 0x80)
        {
            _free[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _free[n++] = (byte)value;
        Commit(n);
    }

    /// <summary>Writes a signed value as a zigzag varint, so small negative numbers stay short.</summary>
    public void WriteVarInt64(long value) => WriteVarUInt64(ZigZag.Encode(value));

    /// <summary>Writes a varint length followed by the UTF-8 bytes of <paramref name="value"/>.</summary>
    public void WriteString(scoped ReadOnlySpan<char> value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt64((ulong)byteCount);
        Ensure(byteCount);
        Commit(Encoding.UTF8.GetBytes(value, _free));
    }

    /// <summary>Writes a varint length followed by <paramref name="value"/>.</summary>
    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        WriteVarUInt64((ulong)value.Length);
        WriteRaw(value);
    }

    /// <summary>Writes <paramref name="value"/> with no length prefix (fixed-size fields, trailing payloads).</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> value)
    {
        while (!value.IsEmpty)
        {
            Ensure(Math.Min(value.Length, MinChunk));
            var n = Math.Min(value.Length, _free.Length);
            value[..n].CopyTo(_free);
            Commit(n);
            value = value[n..];
        }
    }

    private Span<byte> Take(int count)
    {
        Ensure(count);
        var span = _free[..count];
        Commit(count);
        return span;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if (_free.Length < count)
        {
            Grow(count);
        }
    }

    private void Commit(int count)
    {
        _free = _free[count..];
        _buffered += count;
    }

    private void Grow(int count)
    {
        Flush();
        _free = _output.GetSpan(Math.Max(count, MinChunk));
    }
}
