using System.Buffers;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using DistSys.Transport.Tests.Serialization;

namespace DistSys.Transport.Tests.Messages;

/// <summary>
/// The checks every system message goes through: encoded the same into contiguous and chunked writers,
/// decoded equal from every two-segment split and from one byte per segment, and rejected with a
/// <see cref="ProtocolException"/> when truncated anywhere or followed by a stray byte.
/// </summary>
internal static class MessageRoundTrip
{
    private const ulong Target = 11;
    private const ulong Sender = 22;
    private const ulong Correlation = 33;

    public static void Check<T>(T message, Action<T, T> assertEqual)
        where T : struct, IWireMessage<T>
    {
        var bytes = Encode(message);
        var chunked = new ChunkedBufferWriter();
        SystemMessage.Write(chunked, message, Target, Sender, Correlation);
        Assert.That(chunked.WrittenBytes, Is.EqualTo(bytes), "chunked writer");

        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            assertEqual(Decode<T>(Segments.Split(bytes, offset)), message);
        }

        assertEqual(Decode<T>(Segments.OneBytePerSegment(bytes)), message);
        CheckTruncationsAndTrailingByte<T>(bytes);
    }

    public static byte[] Encode<T>(in T message)
        where T : struct, IWireMessage<T>
    {
        var output = new ArrayBufferWriter<byte>();
        SystemMessage.Write(output, message, Target, Sender, Correlation);
        return output.WrittenSpan.ToArray();
    }

    public static T Decode<T>(ReadOnlySequence<byte> buffer, TransportLimits? limits = null)
        where T : struct, IWireMessage<T>
    {
        Assert.That(Frame.TryRead(ref buffer, TransportLimits.DefaultMaxPayload, out var frame), Is.True);
        Assert.That(buffer.IsEmpty, Is.True);
        Assert.That(frame.Header, Is.EqualTo(new FrameHeader(T.Kind, FrameFlags.Raw, Target, Sender, Correlation, frame.Header.Length)));
        return SystemMessage.Read<T>(frame, limits ?? TransportLimits.Default);
    }

    /// <summary>Re-frames the payload with a different length so the frame itself stays well formed.</summary>
    public static byte[] Reframe(byte[] frame, ReadOnlySpan<byte> payload)
    {
        var header = FrameHeader.Read(frame);
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.Write(output, header, payload);
        return output.WrittenSpan.ToArray();
    }

    private static void CheckTruncationsAndTrailingByte<T>(byte[] bytes)
        where T : struct, IWireMessage<T>
    {
        var payload = bytes.AsSpan(FrameHeader.Size);
        for (var n = 0; n < payload.Length; n++)
        {
            var truncated = Reframe(bytes, payload[..n]);
            Assert.Throws<ProtocolException>(() => Decode<T>(Segments.Single(truncated)), $"payload cut at {n}");
        }

        var trailing = Reframe(bytes, [.. payload, 0]);
        var ex = Assert.Throws<ProtocolException>(() => Decode<T>(Segments.Single(trailing)));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.Malformed));
    }
}
