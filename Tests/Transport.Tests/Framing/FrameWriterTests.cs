using System.Buffers;
using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;
using DistSys.Transport.Tests.Serialization;

namespace DistSys.Transport.Tests.Framing;

public sealed class FrameWriterTests
{
    private static readonly FrameHeader Header = new(FrameKind.Message, FrameFlags.MessagePack, 5, 6, 7);

    [Test]
    public void Write_Span_WritesHeaderWithPayloadLengthThenPayload()
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.Write(output, Header.WithLength(999), [1, 2, 3]);

        var written = output.WrittenSpan;
        Assert.That(FrameHeader.Read(written), Is.EqualTo(Header.WithLength(3)));
        Assert.That(written[FrameHeader.Size..].ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void Write_SpanIntoSmallChunks_WritesSameBytes()
    {
        var payload = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var contiguous = new ArrayBufferWriter<byte>();
        var chunked = new ChunkedBufferWriter();

        FrameWriter.Write(contiguous, Header, payload);
        FrameWriter.Write(chunked, Header, payload);

        Assert.That(chunked.WrittenBytes, Is.EqualTo(contiguous.WrittenSpan.ToArray()));
    }

    [Test]
    public void Write_SelfEncodingPayload_WritesDeclaredLengthAndBytes()
    {
        var output = new ChunkedBufferWriter();
        FrameWriter.Write(output, Header, new CountingPayload(300, 300));

        var written = output.WrittenBytes;
        Assert.That(FrameHeader.Read(written).Length, Is.EqualTo(300));
        Assert.That(written[FrameHeader.Size..], Is.EqualTo(CountingPayload.Bytes(300)));
    }

    [Test]
    public void Write_PayloadWritingOtherThanDeclared_ThrowsInvalidOperation() =>
        Assert.Throws<InvalidOperationException>(() =>
            FrameWriter.Write(new ArrayBufferWriter<byte>(), Header, new CountingPayload(10, 11)));

    private readonly struct CountingPayload(int declared, int actual) : IFramePayload
    {
        public int PayloadLength => declared;

        public static byte[] Bytes(int n) => Enumerable.Range(0, n).Select(i => (byte)i).ToArray();

        public void WritePayload(ref WireWriter writer) => writer.WriteRaw(Bytes(actual));
    }
}
