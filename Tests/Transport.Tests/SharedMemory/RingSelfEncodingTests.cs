using System.Buffers;
using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Tests.SharedMemory;

public sealed class RingSelfEncodingTests
{
    [Test]
    public void TryWrite_SelfEncodingPayloadsOverManyLaps_RoundTrip()
    {
        using var pair = new ChannelPair();
        for (var length = 0; length < 600; length += 7)
        {
            Assert.That(pair.Writer.TryWrite(ChannelPair.Header((ulong)length), new Pattern(length)), Is.True);
            Assert.That(pair.Reader.TryRead(out var frame), Is.True);

            var expected = new byte[length];
            ChannelPair.Fill(expected, (ulong)length);
            Assert.That(frame.Payload.ToArray(), Is.EqualTo(expected), $"length {length}");
            pair.Reader.Advance();
        }
    }

    [Test]
    public void TryWrite_PayloadWritesMoreThanItDeclared_ThrowsAndPublishesNothing()
    {
        using var pair = new ChannelPair();

        Assert.Throws<InvalidOperationException>(() => pair.Writer.TryWrite(ChannelPair.Header(1), new Pattern(16, extra: 64)));

        Assert.That(pair.Reader.TryRead(out _), Is.False);
    }

    /// <summary>Declares <paramref name="length"/> bytes and writes them (plus <paramref name="extra"/>, to test a liar).</summary>
    private readonly struct Pattern(int length, int extra = 0) : IFramePayload
    {
        public int PayloadLength => length;

        public void WritePayload(ref WireWriter writer)
        {
            var bytes = new byte[length + extra];
            ChannelPair.Fill(bytes.AsSpan(0, length), (ulong)length);
            writer.WriteRaw(bytes);
        }
    }
}
