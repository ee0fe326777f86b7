using System.Buffers;
using System.Buffers.Binary;

namespace DistSys.Transport.Framing;

/// <summary>
/// The 8 bytes that open every cluster connection, so one port can serve the cluster protocol and
/// other protocols (HTTP) alike:
/// <code>
///  0      1      2      3      4          6          8
///  +------+------+------+------+----------+----------+
///  | 'D'  | 'S'  | 'Y'  | 'S'  | version  | reserved |
///  |                           |  u16 LE  |  u16=0   |
///  +------+------+------+------+----------+----------+
/// </code>
/// </summary>
internal static class ConnectionPreamble
{
    /// <summary>Bytes in the preamble.</summary>
    public const int Size = 8;

    /// <summary>
    /// The protocol version this build speaks. 2: the handshake proofs cover the whole transcript
    /// (version 1's covered only the nonces and names), so a version-1 peer is refused.
    /// </summary>
    public const ushort CurrentVersion = 2;

    /// <summary>The ASCII magic "DSYS".</summary>
    public static ReadOnlySpan<byte> Magic => "DSYS"u8;

    /// <summary>Writes the preamble for <paramref name="version"/> to the start of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, ushort version = CurrentVersion)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Size, nameof(destination));
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], version);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], 0);
    }

    /// <summary>
    /// Classifies the first bytes of a connection. Decides <see cref="PreambleMatch.Foreign"/> as soon as one
    /// byte differs from the magic, so an HTTP client is handed off without waiting for 8 bytes. The version is
    /// returned, not judged: refusing an unsupported one is the handshake's job.
    /// </summary>
    /// <exception cref="ProtocolException">The magic matches but the reserved field is not zero.</exception>
    public static PreambleMatch Match(ReadOnlySpan<byte> first, out ushort version)
    {
        version = 0;
        var magic = Magic;
        var compared = Math.Min(first.Length, magic.Length);
        if (!first[..compared].SequenceEqual(magic[..compared]))
        {
            return PreambleMatch.Foreign;
        }

        if (first.Length < Size)
        {
            return PreambleMatch.NeedMoreBytes;
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(first[6..]) != 0)
        {
            ProtocolException.Throw(ProtocolError.BadPreamble, "the preamble's reserved field is not zero");
        }

        version = BinaryPrimitives.ReadUInt16LittleEndian(first[4..]);
        return PreambleMatch.Cluster;
    }

    /// <summary>Classifies the first bytes of a connection held in a (possibly multi-segment) buffer.</summary>
    /// <exception cref="ProtocolException">The magic matches but the reserved field is not zero.</exception>
    public static PreambleMatch Match(in ReadOnlySequence<byte> first, out ushort version)
    {
        if (first.FirstSpan.Length >= Size || first.IsSingleSegment)
        {
            return Match(first.FirstSpan, out version);
        }

        Span<byte> head = stackalloc byte[Size];
        var n = (int)Math.Min(first.Length, Size);
        first.Slice(0, n).CopyTo(head);
        return Match(head[..n], out version);
    }
}
