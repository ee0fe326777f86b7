using System.Buffers.Binary;
using System.Security.Cryptography;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>A fixed 32-byte value (handshake nonce, HMAC-SHA256 proof) held inline, without an array.</summary>
internal readonly struct Bytes32 : IEquatable<Bytes32>
{
    /// <summary>Bytes in the value.</summary>
    public const int Size = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private Bytes32(ReadOnlySpan<byte> source)
    {
        _a = BinaryPrimitives.ReadUInt64LittleEndian(source);
        _b = BinaryPrimitives.ReadUInt64LittleEndian(source[8..]);
        _c = BinaryPrimitives.ReadUInt64LittleEndian(source[16..]);
        _d = BinaryPrimitives.ReadUInt64LittleEndian(source[24..]);
    }

    /// <summary>Copies exactly 32 bytes.</summary>
    public static Bytes32 Create(ReadOnlySpan<byte> source)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(source.Length, Size, nameof(source));
        return new Bytes32(source);
    }

    /// <summary>32 cryptographically random bytes (a nonce).</summary>
    public static Bytes32 Random()
    {
        Span<byte> bytes = stackalloc byte[Size];
        RandomNumberGenerator.Fill(bytes);
        return new Bytes32(bytes);
    }

    /// <summary>Writes the 32 bytes to the start of <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Size, nameof(destination));
        BinaryPrimitives.WriteUInt64LittleEndian(destination, _a);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], _d);
    }

    internal static Bytes32 Read(ref WireReader reader)
    {
        Span<byte> bytes = stackalloc byte[Size];
        reader.ReadExactly(bytes);
        return new Bytes32(bytes);
    }

    internal void Write(ref WireWriter writer)
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        writer.WriteRaw(bytes);
    }

    /// <summary>Plain equality; compare secrets with <see cref="CryptographicOperations.FixedTimeEquals"/> instead.</summary>
    public bool Equals(Bytes32 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is Bytes32 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    public static bool operator ==(Bytes32 left, Bytes32 right) => left.Equals(right);

    public static bool operator !=(Bytes32 left, Bytes32 right) => !left.Equals(right);
}
