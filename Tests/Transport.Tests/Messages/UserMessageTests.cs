using System.Buffers;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using DistSys.Transport.Serialization;
using DistSys.Transport.Tests.Serialization;
using MessagePack;
using MessagePack.Resolvers;

namespace DistSys.Transport.Tests.Messages;

public sealed class UserMessageTests
{
    [TestCase(0)]
    [TestCase(32)]
    [TestCase(1024)]
    public void Write_RawBody_RoundTripsAtEverySplit(int size)
    {
        var body = Enumerable.Range(0, size).Select(i => (byte)(i * 31)).ToArray();
        var output = new ArrayBufferWriter<byte>();
        UserMessage.Write(output, 1, 2, 3, FrameFlags.Raw, body);
        var bytes = output.WrittenSpan.ToArray();

        for (var offset = 0; offset <= bytes.Length; offset += size > 64 ? 7 : 1)
        {
            AssertMessage(Read(Segments.Split(bytes, offset)), body);
        }

        AssertMessage(Read(Segments.OneBytePerSegment(bytes)), body);
    }

    [Test]
    public void FromFrame_SystemFrame_ThrowsUnexpectedFrame()
    {
        var output = new ArrayBufferWriter<byte>();
        SystemMessage.Write(output, default(Heartbeat));
        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        Frame.TryRead(ref buffer, 100, out var frame);

        var ex = Assert.Throws<ProtocolException>(() => UserMessage.FromFrame(frame));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.UnexpectedFrame));
    }

    [Test]
    public void WriteMessage_MessagePackValue_RoundTripsWithFlag()
    {
        var value = new Dictionary<string, int[]> { ["a"] = [1, 2, 3], ["ü"] = [] };
        var output = new ChunkedBufferWriter();
        UserPayloadSerializer.Default.WriteMessage(output, 5, 6, 7, value);

        var message = Read(Segments.OneBytePerSegment(output.WrittenBytes));

        Assert.That(message.Encoding, Is.EqualTo(FrameFlags.MessagePack));
        Assert.That(UserPayloadSerializer.Default.ReadMessage<Dictionary<string, int[]>>(message), Is.EqualTo(value));
    }

    [Test]
    public void ReadMessage_RawMessage_ThrowsUnexpectedFrame()
    {
        var message = new UserMessage(1, 2, 3, FrameFlags.Raw, new ReadOnlySequence<byte>([0x01]));

        var ex = Assert.Throws<ProtocolException>(() => UserPayloadSerializer.Default.ReadMessage<int>(message));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.UnexpectedFrame));
    }

    [TestCase(new byte[] { 0xC1 }, TestName = "Deserialize_NeverUsedCode_ThrowsMalformed")]
    [TestCase(new byte[] { 0x92, 0x01 }, TestName = "Deserialize_ArrayShortOfElements_ThrowsMalformed")]
    [TestCase(new byte[] { 0xDD, 0xFF, 0xFF, 0xFF, 0xFF }, TestName = "Deserialize_LyingArrayLength_ThrowsMalformed")]
    [TestCase(new byte[] { 0x01, 0x02 }, TestName = "Deserialize_TrailingBytes_ThrowsMalformed")]
    [TestCase(new byte[] { }, TestName = "Deserialize_Empty_ThrowsMalformed")]
    public void Deserialize_Invalid_ThrowsMalformed(byte[] bytes)
    {
        var ex = Assert.Throws<ProtocolException>(() => UserPayloadSerializer.Default.Deserialize<object>(new ReadOnlySequence<byte>(bytes)));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.Malformed));
    }

    [Test]
    public void Deserialize_NestingDeeperThanUntrustedLimit_ThrowsMalformed()
    {
        byte[] bytes = [.. Enumerable.Repeat((byte)0x91, 10_000), 0xC0];

        var ex = Assert.Throws<ProtocolException>(() => UserPayloadSerializer.Default.Deserialize<object>(new ReadOnlySequence<byte>(bytes)));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.Malformed));
    }

    [Test]
    public void Constructor_TrustedOptions_ForcesUntrustedData()
    {
        var serializer = new UserPayloadSerializer(MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.TrustedData));

        Assert.That(serializer.Options.Security, Is.SameAs(MessagePackSecurity.UntrustedData));
    }

    [Test]
    public void Constructor_CompressedOptions_ForcesCompressionOff()
    {
        var serializer = new UserPayloadSerializer(MessagePackSerializerOptions.Standard.WithCompression(MessagePackCompression.Lz4BlockArray));

        Assert.That(serializer.Options.Compression, Is.EqualTo(MessagePackCompression.None));
    }

    [Test]
    public void Constructor_CustomResolver_IsUsed()
    {
        var serializer = new UserPayloadSerializer(ContractlessStandardResolver.Instance);
        var output = new ArrayBufferWriter<byte>();
        serializer.Serialize(output, new Point { X = 3, Y = 4 });

        var point = serializer.Deserialize<Point>(new ReadOnlySequence<byte>(output.WrittenMemory));

        Assert.That((point.X, point.Y), Is.EqualTo((3, 4)));
    }

    private static UserMessage Read(ReadOnlySequence<byte> buffer)
    {
        Assert.That(Frame.TryRead(ref buffer, TransportLimits.DefaultMaxPayload, out var frame), Is.True);
        return UserMessage.FromFrame(frame);
    }

    private static void AssertMessage(UserMessage message, byte[] body)
    {
        Assert.That((message.Target, message.Sender, message.Correlation, message.Encoding), Is.EqualTo((1UL, 2UL, 3UL, FrameFlags.Raw)));
        Assert.That(message.Body.ToArray(), Is.EqualTo(body));
    }

    public sealed class Point
    {
        public int X { get; set; }

        public int Y { get; set; }
    }
}
