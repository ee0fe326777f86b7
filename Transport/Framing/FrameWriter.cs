using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Framing;

/// <summary>Writes frames (header + payload) into any <see cref="IBufferWriter{T}"/>, allocating nothing.</summary>
internal static class FrameWriter
{
    /// <summary>Writes a frame whose payload is <paramref name="payload"/>; the header's Length is taken from it.</summary>
    public static void Write(IBufferWriter<byte> output, in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(FrameHeader.Size + payload.Length);
        if (span.Length >= FrameHeader.Size + payload.Length)
        {
            // Common case: header and payload in one contiguous span, one Advance.
            header.WithLength(payload.Length).Write(span);
            payload.CopyTo(span[FrameHeader.Size..]);
            output.Advance(FrameHeader.Size + payload.Length);
            return;
        }

        WriteHeader(output, header.WithLength(payload.Length));
        WriteChunked(output, payload);
    }

    /// <summary>
    /// Writes a frame whose payload encodes itself straight into <paramref name="output"/>; the header's
    /// Length is taken from <see cref="IFramePayload.PayloadLength"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The payload wrote a different number of bytes than it declared.</exception>
    public static void Write<TPayload>(IBufferWriter<byte> output, in FrameHeader header, in TPayload payload)
        where TPayload : IFramePayload, allows ref struct
    {
        ArgumentNullException.ThrowIfNull(output);
        var length = payload.PayloadLength;
        WriteHeader(output, header.WithLength(length));
        var writer = new WireWriter(output);
        payload.WritePayload(ref writer);
        writer.Flush();
        if (writer.Written != length)
        {
            ThrowLengthMismatch(length, writer.Written);
        }
    }

    private static void WriteHeader(IBufferWriter<byte> output, in FrameHeader header)
    {
        header.Write(output.GetSpan(FrameHeader.Size));
        output.Advance(FrameHeader.Size);
    }

    private static void WriteChunked(IBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        while (!payload.IsEmpty)
        {
            var span = output.GetSpan();
            var n = Math.Min(span.Length, payload.Length);
            payload[..n].CopyTo(span);
            output.Advance(n);
            payload = payload[n..];
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLengthMismatch(int declared, long written) =>
        throw new InvalidOperationException($"payload declared {declared} bytes but wrote {written}");
}
