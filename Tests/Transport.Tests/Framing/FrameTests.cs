using System.Buffers;
using DistSys.Transport.Framing;
using DistSys.Transport.Tests.Serialization;

namespace DistSys.Transport.Tests.Framing;

public sealed class FrameTests
{
    private const int Max = 1 << 20;

    [Test]
    public void TryRead_PartialHeader_ReturnsFalseAndLeavesBuffer()
    {
        var bytes = TwoFrames();
        for (var n = 0; n < FrameHeader.Size; n++)
        {
            var buffer = Segments.Single(bytes.AsSpan(0, n));

            Assert.That(Frame.TryRead(ref buffer, Max, out _), Is.False);
            Assert.That(buffer.Length, Is.EqualTo(n));
        }
    }

    [Test]
    public void TryRead_EveryPrefixShorterThanFrame_ReturnsFalse()
    {
        var bytes = Encode(new FrameHeader(FrameKind.Message, FrameFlags.Raw, 1, 2, 3), [1, 2, 3, 4, 5]);
        for (var n = 0; n < bytes.Length; n++)
        {
            var buffer = Segments.Single(bytes.AsSpan(0, n));
            Assert.That(Frame.TryRead(ref buffer, Max, out _), Is.False, $"prefix {n}");
        }
    }

    [Test]
    public void TryRead_OversizeLength_ThrowsBeforeBodyArrives()
    {
        var header = new byte[FrameHeader.Size];
        new FrameHeader(FrameKind.Message, FrameFlags.Raw, 0, 0, 0, Max + 1).Write(header);
        var buffer = Segments.Single(header);

        var ex = Assert.Throws<ProtocolException>(() => Frame.TryRead(ref buffer, Max, out _));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.Oversize));
    }

    [Test]
    public void TryRead_MalformedHeaderSplitAcrossSegments_Throws()
    {
        var bytes = TwoFrames();
        bytes[7] = 1;
        var buffer = Segments.OneBytePerSegment(bytes);

        Assert.Throws<ProtocolException>(() => Frame.TryRead(ref buffer, Max, out _));
    }

    [Test]
    public void TryRead_SplitAtEveryOffset_ParsesBothFrames()
    {
        var bytes = TwoFrames();
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            AssertTwoFrames(Segments.Split(bytes, offset));
        }
    }

    [Test]
    public void TryRead_OneBytePerSegment_ParsesBothFrames() =>
        AssertTwoFrames(Segments.OneBytePerSegment(TwoFrames()));

    [Test]
    public void TryRead_LimitsOverload_UsesMaxPayload()
    {
        var buffer = Segments.Single(TwoFrames());
        var limits = new TransportLimits { MaxPayload = 2 };

        Assert.Throws<ProtocolException>(() => Frame.TryRead(ref buffer, limits, out _));
    }

    private static void AssertTwoFrames(ReadOnlySequence<byte> buffer)
    {
        Assert.That(Frame.TryRead(ref buffer, Max, out var first), Is.True);
        Assert.That(first.Header, Is.EqualTo(new FrameHeader(FrameKind.Link, FrameFlags.Raw, 7, 8, 9, 3)));
        Assert.That(first.Payload.ToArray(), Is.EqualTo(new byte[] { 0xA, 0xB, 0xC }));

        Assert.That(Frame.TryRead(ref buffer, Max, out var second), Is.True);
        Assert.That(second.Header, Is.EqualTo(new FrameHeader(FrameKind.Heartbeat, FrameFlags.Raw, 0, 0, 42, 0)));
        Assert.That(second.Payload.IsEmpty, Is.True);

        Assert.That(buffer.IsEmpty, Is.True);
        Assert.That(Frame.TryRead(ref buffer, Max, out _), Is.False);
    }

    private static byte[] TwoFrames() =>
    [
        .. Encode(new FrameHeader(FrameKind.Link, FrameFlags.Raw, 7, 8, 9), [0xA, 0xB, 0xC]),
        .. Encode(new FrameHeader(FrameKind.Heartbeat, FrameFlags.Raw, 0, 0, 42), []),
    ];

    private static byte[] Encode(in FrameHeader header, byte[] payload)
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.Write(output, header, payload);
        return output.WrittenSpan.ToArray();
    }
}
