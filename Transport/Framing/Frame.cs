using System.Buffers;

namespace DistSys.Transport.Framing;

/// <summary>
/// One complete frame: its validated header and its payload, which still points into the
/// connection's buffer (valid until the reader advances past it).
/// </summary>
public readonly struct Frame
{
    /// <summary>Pairs a header with its payload.</summary>
    public Frame(in FrameHeader header, ReadOnlySequence<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    /// <summary>The validated header.</summary>
    public FrameHeader Header { get; }

    /// <summary>Exactly <see cref="FrameHeader.Length"/> payload bytes.</summary>
    public ReadOnlySequence<byte> Payload { get; }

    /// <summary>
    /// Parses one frame from the front of <paramref name="buffer"/>. Returns false when more bytes are
    /// needed (buffer untouched); on true, <paramref name="buffer"/> is sliced past the frame. The header is
    /// validated — and an oversize length rejected — as soon as its 32 bytes are there, before the body is buffered.
    /// </summary>
    /// <exception cref="ProtocolException">The header is malformed or declares more than <paramref name="maxPayload"/> bytes.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxPayload, out Frame frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPayload);
        if (buffer.Length < FrameHeader.Size)
        {
            frame = default;
            return false;
        }

        var header = ReadHeader(buffer, maxPayload);
        if (buffer.Length - FrameHeader.Size < header.Length)
        {
            frame = default;
            return false;
        }

        var payload = buffer.Slice(FrameHeader.Size, header.Length);
        frame = new Frame(header, payload);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    /// <summary>Parses one frame with the limits' maximum payload; see <see cref="TryRead(ref ReadOnlySequence{byte}, int, out Frame)"/>.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, TransportLimits limits, out Frame frame)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return TryRead(ref buffer, limits.MaxPayload, out frame);
    }

    private static FrameHeader ReadHeader(in ReadOnlySequence<byte> buffer, int maxPayload)
    {
        var first = buffer.FirstSpan;
        if (first.Length >= FrameHeader.Size)
        {
            return FrameHeader.Read(first, maxPayload);
        }

        // The header straddles segments: gather its 32 bytes on the stack.
        Span<byte> header = stackalloc byte[FrameHeader.Size];
        buffer.Slice(0, FrameHeader.Size).CopyTo(header);
        return FrameHeader.Read(header, maxPayload);
    }
}
