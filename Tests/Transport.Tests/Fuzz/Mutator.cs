using System.Buffers.Binary;
using DistSys.Transport.Framing;

namespace DistSys.Transport.Tests.Fuzz;

/// <summary>
/// Seeded mutations of valid inputs: bit flips, byte sets, truncations, lies in the frame length and in
/// inner length/count varints, splices with other seeds, insertions, deletions and duplications.
/// </summary>
internal sealed class Mutator(int seed, byte[][] seeds)
{
    public const int MaxInput = 4096;

    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, 0x10, 0x20, 0x40, 0xC0, 0xC1, 0xDC, 0xDD];
    private static readonly uint[] Lengths = [0, 1, 31, 32, 33, 0x7F, 0x80, 0xFFFF, 0x00FFFFFF, 0x01000000, 0x01000001, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    /// <summary>Writes a mutated copy of a random seed into <paramref name="buffer"/>; returns its length.</summary>
    public int Next(byte[] buffer)
    {
        var source = seeds[_random.Next(seeds.Length)];
        source.CopyTo(buffer, 0);
        var length = source.Length;
        var rounds = 1 + _random.Next(4);
        for (var i = 0; i < rounds && length > 0; i++)
        {
            length = MutateOnce(buffer, length);
        }

        // Half the time keep the first frame's length honest (after the preamble, if there is one), so
        // mutations reach the message parsers instead of stopping at "need more bytes".
        var frameStart = buffer.AsSpan(0, length).StartsWith(ConnectionPreamble.Magic) ? ConnectionPreamble.Size : 0;
        if (length >= frameStart + FrameHeader.Size && _random.Next(2) == 0)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(frameStart), (uint)(length - frameStart - FrameHeader.Size));
        }

        return length;
    }

    private int MutateOnce(byte[] buffer, int length)
    {
        var at = _random.Next(length);
        switch (_random.Next(10))
        {
            case 0:
                buffer[at] ^= (byte)(1 << _random.Next(8));
                return length;
            case 1:
                buffer[at] = Interesting[_random.Next(Interesting.Length)];
                return length;
            case 2:
                buffer[at] = (byte)_random.Next(256);
                return length;
            case 3:
                return _random.Next(length);
            case 4:
                return LieAboutFrameLength(buffer, length);
            case 5:
                return LieAboutInnerLength(buffer, length, at);
            case 6:
                return Splice(buffer, at);
            case 7:
                return Insert(buffer, length, at);
            case 8:
                return Delete(buffer, length, at);
            default:
                return Duplicate(buffer, length, at);
        }
    }

    private int LieAboutFrameLength(byte[] buffer, int length)
    {
        // Lie at the first frame or at a random 4-byte position (a later frame's header in a stream).
        var at = _random.Next(2) == 0 ? 0 : _random.Next(Math.Max(1, length - 3));
        if (at + 4 > length)
        {
            return length;
        }

        var lie = _random.Next(3) == 0 ? (uint)_random.NextInt64(uint.MaxValue + 1L) : Lengths[_random.Next(Lengths.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(at), lie);
        return length;
    }

    private int LieAboutInnerLength(byte[] buffer, int length, int at)
    {
        // A varint claiming far more elements or bytes than follow: 2^14-1, 2^28-1, 2^35-1 or u64::MAX.
        ReadOnlySpan<byte> lie = _random.Next(4) switch
        {
            0 => [0xFF, 0x7F],
            1 => [0xFF, 0xFF, 0xFF, 0x7F],
            2 => [0xFF, 0xFF, 0xFF, 0xFF, 0x7F],
            _ => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
        };
        var n = Math.Min(lie.Length, length - at);
        lie[..n].CopyTo(buffer.AsSpan(at));
        return length;
    }

    private int Splice(byte[] buffer, int at)
    {
        var other = seeds[_random.Next(seeds.Length)];
        var from = _random.Next(other.Length);
        var n = Math.Min(other.Length - from, MaxInput - at);
        other.AsSpan(from, n).CopyTo(buffer.AsSpan(at));
        return at + n;
    }

    private int Insert(byte[] buffer, int length, int at)
    {
        var n = Math.Min(1 + _random.Next(16), MaxInput - length);
        buffer.AsSpan(at, length - at).CopyTo(buffer.AsSpan(at + n));
        _random.NextBytes(buffer.AsSpan(at, n));
        return length + n;
    }

    private int Delete(byte[] buffer, int length, int at)
    {
        var n = 1 + _random.Next(Math.Min(16, length - at));
        buffer.AsSpan(at + n, length - at - n).CopyTo(buffer.AsSpan(at));
        return length - n;
    }

    private int Duplicate(byte[] buffer, int length, int at)
    {
        var n = Math.Min(1 + _random.Next(Math.Min(64, length - at)), MaxInput - length);
        buffer.AsSpan(at, length - at).CopyTo(buffer.AsSpan(at + n));
        return length + n;
    }
}
