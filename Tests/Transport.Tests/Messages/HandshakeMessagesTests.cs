using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using DistSys.Transport.Tests.Serialization;

namespace DistSys.Transport.Tests.Messages;

public sealed class HandshakeMessagesTests
{
    private static readonly Bytes32 Nonce = Bytes32.Random();
    private static readonly Bytes32 Proof = Bytes32.Random();

    [TestCase("node-a@10.0.0.1")]
    [TestCase("")]
    [TestCase("nœud-ü-東京")]
    public void Hello_RoundTrip_PreservesEveryField(string name) =>
        MessageRoundTrip.Check(new Hello(name, ulong.MaxValue, 0x5, Nonce), (actual, expected) =>
        {
            Assert.That(actual.NodeName, Is.EqualTo(expected.NodeName));
            Assert.That(actual.Incarnation, Is.EqualTo(expected.Incarnation));
            Assert.That(actual.Capabilities, Is.EqualTo(expected.Capabilities));
            Assert.That(actual.Nonce, Is.EqualTo(expected.Nonce));
        });

    [Test]
    public void Challenge_RoundTrip_PreservesEveryField() =>
        MessageRoundTrip.Check(new Challenge("server", 42, ulong.MaxValue, Nonce, Proof), (actual, expected) =>
        {
            Assert.That(actual.NodeName, Is.EqualTo(expected.NodeName));
            Assert.That(actual.Incarnation, Is.EqualTo(expected.Incarnation));
            Assert.That(actual.Capabilities, Is.EqualTo(expected.Capabilities));
            Assert.That(actual.Nonce, Is.EqualTo(expected.Nonce));
            Assert.That(actual.Proof, Is.EqualTo(expected.Proof));
        });

    [Test]
    public void ChallengeResponse_RoundTrip_PreservesProof() =>
        MessageRoundTrip.Check(new ChallengeResponse(Proof), (actual, expected) => Assert.That(actual.Proof, Is.EqualTo(expected.Proof)));

    [Test]
    public void HandshakeAck_RoundTrip_IsEmptyFrame()
    {
        MessageRoundTrip.Check(default(HandshakeAck), (_, _) => { });
        Assert.That(MessageRoundTrip.Encode(default(HandshakeAck)), Has.Length.EqualTo(FrameHeader.Size));
    }

    [Test]
    public void Heartbeat_RoundTrip_IsEmptyFrame() =>
        MessageRoundTrip.Check(default(Heartbeat), (_, _) => { });

    // One loop rather than a TestCase per reason: RefusalReason is internal, and a public test
    // method cannot take it as a parameter.
    [Test]
    public void HandshakeRefused_RoundTrip_PreservesEveryReason()
    {
        foreach (var reason in Enum.GetValues<RefusalReason>())
        {
            MessageRoundTrip.Check(new HandshakeRefused(reason), (actual, expected) => Assert.That(actual.Reason, Is.EqualTo(expected.Reason)));
        }
    }

    [TestCase((byte)0)]
    [TestCase((byte)5)]
    public void HandshakeRefused_UnknownReason_ThrowsMalformed(byte reason)
    {
        var bytes = MessageRoundTrip.Reframe(MessageRoundTrip.Encode(new HandshakeRefused(RefusalReason.Auth)), [reason]);

        var ex = Assert.Throws<ProtocolException>(() => MessageRoundTrip.Decode<HandshakeRefused>(Segments.Single(bytes)));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.Malformed));
    }

    [Test]
    public void Hello_NameAboveLimit_ThrowsBadString()
    {
        var bytes = MessageRoundTrip.Encode(new Hello(new string('n', 65), 1, 1, Nonce));
        var limits = new TransportLimits { MaxStringBytes = 64 };

        var ex = Assert.Throws<ProtocolException>(() => MessageRoundTrip.Decode<Hello>(Segments.Single(bytes), limits));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.BadString));
    }

    [Test]
    public void Read_FrameOfAnotherKind_ThrowsUnexpectedFrame()
    {
        var buffer = Segments.Single(MessageRoundTrip.Encode(new ChallengeResponse(Proof)));
        Frame.TryRead(ref buffer, TransportLimits.DefaultMaxPayload, out var frame);

        var ex = Assert.Throws<ProtocolException>(() => SystemMessage.Read<Hello>(frame, TransportLimits.Default));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.UnexpectedFrame));
    }
}
