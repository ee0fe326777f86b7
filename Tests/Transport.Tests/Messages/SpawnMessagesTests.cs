using System.Buffers;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using DistSys.Transport.Tests.Serialization;

namespace DistSys.Transport.Tests.Messages;

public sealed class SpawnMessagesTests
{
    private static readonly WirePid Requester = new("master", 9, 5);

    [TestCase(SpawnFlags.None, 0)]
    [TestCase(SpawnFlags.Link, 3)]
    [TestCase(SpawnFlags.Link | SpawnFlags.Monitor, 300)]
    public void SpawnRequest_RoundTrip_PreservesEveryField(SpawnFlags options, int argsLength)
    {
        var args = Enumerable.Range(0, argsLength).Select(i => (byte)(i * 7)).ToArray();
        MessageRoundTrip.Check(new SpawnRequest(Requester, "word-count", options, new ReadOnlySequence<byte>(args)), (actual, expected) =>
        {
            Assert.That(actual.Requester, Is.EqualTo(expected.Requester));
            Assert.That(actual.Behaviour, Is.EqualTo(expected.Behaviour));
            Assert.That(actual.Options, Is.EqualTo(expected.Options));
            Assert.That(actual.Args.ToArray(), Is.EqualTo(expected.Args.ToArray()));
        });
    }

    [Test]
    public void SpawnRequest_MultiSegmentArgs_WritesSameBytesAsContiguous()
    {
        byte[] args = [1, 2, 3, 4, 5];
        var split = new SpawnRequest(Requester, "b", SpawnFlags.None, Segments.OneBytePerSegment(args));
        var whole = new SpawnRequest(Requester, "b", SpawnFlags.None, new ReadOnlySequence<byte>(args));

        Assert.That(MessageRoundTrip.Encode(split), Is.EqualTo(MessageRoundTrip.Encode(whole)));
    }

    [Test]
    public void SpawnRequest_UnknownOption_ThrowsMalformed()
    {
        var bytes = MessageRoundTrip.Encode(new SpawnRequest(Requester, "b", SpawnFlags.None, ReadOnlySequence<byte>.Empty));
        bytes[^2] = 4;

        var ex = Assert.Throws<ProtocolException>(() => MessageRoundTrip.Decode<SpawnRequest>(Segments.Single(bytes)));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.Malformed));
    }

    [Test]
    public void SpawnReply_Success_RoundTripsPid() =>
        MessageRoundTrip.Check(SpawnReply.Success(Requester), (actual, expected) =>
        {
            Assert.That(actual.IsSuccess, Is.True);
            Assert.That(actual.Pid, Is.EqualTo(expected.Pid));
        });

    [Test]
    public void SpawnReply_Failure_RoundTripsError() =>
        MessageRoundTrip.Check(SpawnReply.Failure("unknown behaviour 'x'"), (actual, expected) =>
        {
            Assert.That(actual.IsSuccess, Is.False);
            Assert.That(actual.Error, Is.EqualTo(expected.Error));
        });

    [Test]
    public void SpawnReply_UnknownTag_ThrowsMalformed()
    {
        var bytes = MessageRoundTrip.Encode(SpawnReply.Failure(""));
        bytes[FrameHeader.Size] = 2;

        var ex = Assert.Throws<ProtocolException>(() => MessageRoundTrip.Decode<SpawnReply>(Segments.Single(bytes)));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.Malformed));
    }
}
