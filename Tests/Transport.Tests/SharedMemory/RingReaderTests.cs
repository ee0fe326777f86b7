using System.Buffers;
using DistSys.Transport.Framing;

namespace DistSys.Transport.Tests.SharedMemory;

public sealed class RingReaderTests
{
    [Test]
    public void TryRead_EmptyRing_ReturnsFalse()
    {
        using var pair = new ChannelPair();

        Assert.That(pair.Reader.TryRead(out _), Is.False);
        Assert.That(pair.Creator.Reader.TryRead(out _), Is.False, "the responses ring too");
    }

    [Test]
    public void TryRead_AfterEveryRecordAdvanced_ReturnsFalseAgain()
    {
        using var pair = new ChannelPair();
        pair.Writer.TryWrite(ChannelPair.Header(1), [1, 2, 3]);

        Assert.That(pair.Reader.TryRead(out _), Is.True);
        pair.Reader.Advance();

        Assert.That(pair.Reader.TryRead(out _), Is.False);
    }

    [Test]
    public void TryRead_BeforeAdvance_ReturnsTheSameFrameAgain()
    {
        using var pair = new ChannelPair();
        pair.Writer.TryWrite(ChannelPair.Header(1), [1]);
        pair.Writer.TryWrite(ChannelPair.Header(2), [2]);

        pair.Reader.TryRead(out var first);
        pair.Reader.TryRead(out var again);

        Assert.That(again.Header, Is.EqualTo(first.Header));
    }

    [Test]
    public void TryRead_RecordWritten_ReturnsHeaderAndPayloadOverMappedMemory()
    {
        using var pair = new ChannelPair();
        byte[] payload = [10, 20, 30, 40, 50];
        var header = new FrameHeader(FrameKind.Exit, FrameFlags.MessagePack, target: 11, sender: 22, correlation: 33);

        pair.Writer.TryWrite(header, payload);
        Assert.That(pair.Reader.TryRead(out var frame), Is.True);

        Assert.That(frame.Header, Is.EqualTo(header.WithLength(payload.Length)));
        Assert.That(frame.Payload.IsSingleSegment, Is.True);
        Assert.That(frame.Payload.ToArray(), Is.EqualTo(payload));
    }

    [Test]
    public void Advance_WithoutAFrame_Throws()
    {
        using var pair = new ChannelPair();

        Assert.Throws<InvalidOperationException>(() => pair.Reader.Advance());
    }

    [Test]
    public void Reader_ResponsesRing_CarriesFramesFromOpenerToCreator()
    {
        using var pair = new ChannelPair();

        Assert.That(pair.Opener.Writer.TryWrite(ChannelPair.Header(5), [5]), Is.True);

        Assert.That(pair.Creator.Reader.TryRead(out var frame), Is.True);
        Assert.That(frame.Header.Correlation, Is.EqualTo(5UL));
        Assert.That(pair.Reader.TryRead(out _), Is.False, "nothing crossed into the requests ring");
    }
}
