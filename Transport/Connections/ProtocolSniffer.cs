using System.Buffers;
using DistSys.Transport.Framing;

namespace DistSys.Transport.Connections;

/// <summary>
/// Decides from the first bytes of an inbound connection whether it speaks the cluster protocol. It
/// answers as soon as one byte differs from the magic, so an HTTP request ("GET ", "POST") is
/// recognised from its first byte and never waits for more.
/// </summary>
public static class ProtocolSniffer
{
    /// <summary>Bytes that are always enough to decide.</summary>
    public static int DecisiveLength => ConnectionPreamble.Magic.Length;

    /// <summary>Classifies the bytes received so far; consumes nothing.</summary>
    public static SniffResult Sniff(in ReadOnlySequence<byte> first)
    {
        Span<byte> head = stackalloc byte[ConnectionPreamble.Magic.Length];
        var available = (int)Math.Min(first.Length, head.Length);
        first.Slice(0, available).CopyTo(head);
        return Sniff(head[..available]);
    }

    /// <summary>Classifies the bytes received so far.</summary>
    public static SniffResult Sniff(ReadOnlySpan<byte> first)
    {
        var magic = ConnectionPreamble.Magic;
        var compared = Math.Min(first.Length, magic.Length);
        if (!first[..compared].SequenceEqual(magic[..compared]))
        {
            return SniffResult.Other;
        }

        return compared == magic.Length ? SniffResult.Cluster : SniffResult.NeedMoreBytes;
    }
}
