using System.Buffers;
using DistSys.Transport.SharedMemory;

namespace DistSys.Transport.Tests.SharedMemory;

public sealed class RingWriterTests
{
    [Test]
    public void TryWrite_RingFull_ReturnsFalseUntilReaderAdvances()
    {
        using var pair = new ChannelPair();
        var payload = new byte[96];
        var recordSize = RingLayout.RecordSize(payload.Length);
        var written = 0;
        while (pair.Writer.TryWrite(ChannelPair.Header((ulong)written), payload))
        {
            written++;
        }

        Assert.That(written, Is.EqualTo(RingLayout.MinCapacity / recordSize));
        Assert.That(pair.Writer.TryWrite(ChannelPair.Header(0), payload), Is.False, "still full");

        Assert.That(pair.Reader.TryRead(out _), Is.True);
        pair.Reader.Advance();
        Assert.That(pair.Writer.TryWrite(ChannelPair.Header(0), payload), Is.True, "one record of space was freed");
    }

    [Test]
    public void TryWrite_PayloadAboveMaxPayload_ThrowsWithClearMessage()
    {
        using var pair = new ChannelPair();
        var payload = new byte[pair.Writer.MaxPayload + 1];

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pair.Writer.TryWrite(ChannelPair.Header(1), payload));

        Assert.That(error!.Message, Does.Contain("refused, not chunked"));
    }

    [Test]
    public void TryWrite_PayloadOfExactlyMaxPayload_RoundTripsInAnEmptyRing()
    {
        using var pair = new ChannelPair();
        var payload = new byte[pair.Writer.MaxPayload];
        ChannelPair.Fill(payload, 3);

        Assert.That(pair.Writer.TryWrite(ChannelPair.Header(3), payload), Is.True);
        Assert.That(pair.Reader.TryRead(out var frame), Is.True);

        Assert.That(frame.Payload.ToArray(), Is.EqualTo(payload));
    }

    [Test]
    public void WaitToWrite_PayloadAboveMaxPayload_Throws()
    {
        using var pair = new ChannelPair();

        Assert.Throws<ArgumentOutOfRangeException>(() => pair.Writer.WaitToWrite(pair.Writer.MaxPayload + 1, TimeSpan.Zero));
    }
}
