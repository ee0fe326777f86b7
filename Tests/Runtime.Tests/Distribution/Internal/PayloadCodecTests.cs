using System.Buffers;
using DistSys.Runtime.Distribution;
using DistSys.Runtime.Distribution.Internal;
using DistSys.Transport.Framing;
using MessagePack;

namespace DistSys.Runtime.Tests.Distribution.Internal;

public sealed class PayloadCodecTests
{
    private readonly MessageTypes _types = new();

    [Test]
    public void Encode_BuiltInValues_DecodeToEqualValues()
    {
        object?[] values = ["text", 7, -5, 70_000, 1L << 40, 2.5, true, new Pid(12, 34, 56), null, new CastMessage("cast"), new CastMessage(new byte[] { 9 })];

        foreach (var value in values)
        {
            var decoded = RoundTrip(value);
            if (value is CastMessage { Message: byte[] bytes })
            {
                Assert.That(((CastMessage)decoded!).Message, Is.EqualTo(bytes));
            }
            else
            {
                Assert.That(decoded, Is.EqualTo(value), $"{value}");
            }
        }
    }

    [Test]
    public void Encode_ByteArray_TravelsRaw()
    {
        var payload = PayloadCodec.Encode(_types, new byte[] { 1, 2, 3 }, out var flags).ToArray();

        Assert.That(flags, Is.EqualTo(FrameFlags.Raw));
        Assert.That(payload, Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void Decode_SmallInt_ReturnsSharedBox()
    {
        var first = RoundTrip(5);
        var second = RoundTrip(5);

        Assert.That(ReferenceEquals(first, second), Is.True);
    }

    [Test]
    public void Decode_UnknownTag_ThrowsNamingIt()
    {
        var bytes = MessagePackSerializer.Serialize(999);

        var error = Assert.Throws<MessagePackSerializationException>(() => PayloadCodec.Decode(_types, new ReadOnlySequence<byte>(bytes), FrameFlags.MessagePack));

        Assert.That(error!.Message, Does.Contain("999"));
    }

    [Test]
    public void Decode_TrailingBytes_Throws()
    {
        var bytes = PayloadCodec.Encode(_types, "x", out _).ToArray().Append((byte)0).ToArray();

        Assert.Throws<MessagePackSerializationException>(() => PayloadCodec.Decode(_types, new ReadOnlySequence<byte>(bytes), FrameFlags.MessagePack));
    }

    [Test]
    public void Decode_CastsNestedDeeperThanTheLimit_Throws()
    {
        object message = 1;
        for (var i = 0; i < 20; i++)
        {
            message = new CastMessage(message);
        }

        var bytes = PayloadCodec.Encode(_types, message, out _).ToArray();

        Assert.Throws<MessagePackSerializationException>(() => PayloadCodec.Decode(_types, new ReadOnlySequence<byte>(bytes), FrameFlags.MessagePack));
    }

    [Test]
    public void NodeIds_Of_StableNonZero31Bit()
    {
        Assert.That(NodeIds.Of("master"), Is.EqualTo(NodeIds.Of("master")));
        Assert.That(NodeIds.Of("master"), Is.Not.EqualTo(NodeIds.Of("worker1")));
        Assert.That(new[] { "", "a", "worker1", new string('x', 1000) }.Select(NodeIds.Of), Is.All.GreaterThan(0));
    }

    private object? RoundTrip(object? value)
    {
        var bytes = PayloadCodec.Encode(_types, value, out var flags).ToArray();
        return PayloadCodec.Decode(_types, new ReadOnlySequence<byte>(bytes), flags);
    }
}
