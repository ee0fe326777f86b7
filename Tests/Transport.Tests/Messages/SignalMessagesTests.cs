using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using DistSys.Transport.Tests.Serialization;

namespace DistSys.Transport.Tests.Messages;

public sealed class SignalMessagesTests
{
    private static readonly WirePid A = new("node-a", 1, 1_700_000_000_000);
    private static readonly WirePid B = new("node-b", ulong.MaxValue, 0);

    private static IEnumerable<WireExitReason> Reasons() =>
    [
        WireExitReason.Normal, WireExitReason.Kill, WireExitReason.Killed, WireExitReason.Shutdown,
        WireExitReason.NoProc, WireExitReason.NoConnection, WireExitReason.Timeout,
        WireExitReason.Of("{badarith, [{calc, add, 2}]}"), WireExitReason.Of(""),
    ];

    [Test]
    public void LinkSignal_RoundTrip_PreservesPids() =>
        MessageRoundTrip.Check(new WireLink(A, B), (actual, expected) =>
        {
            Assert.That(actual.From, Is.EqualTo(expected.From));
            Assert.That(actual.To, Is.EqualTo(expected.To));
        });

    [Test]
    public void UnlinkSignal_RoundTrip_PreservesPids() =>
        MessageRoundTrip.Check(new WireUnlink(B, A), (actual, expected) =>
        {
            Assert.That(actual.From, Is.EqualTo(expected.From));
            Assert.That(actual.To, Is.EqualTo(expected.To));
        });

    [Test]
    public void MonitorRequest_RoundTrip_PreservesPidsAndRef() =>
        MessageRoundTrip.Check(new MonitorRequest(A, B, 300), (actual, expected) =>
        {
            Assert.That(actual.Watcher, Is.EqualTo(expected.Watcher));
            Assert.That(actual.Watched, Is.EqualTo(expected.Watched));
            Assert.That(actual.Ref, Is.EqualTo(expected.Ref));
        });

    [Test]
    public void DemonitorRequest_RoundTrip_PreservesPidsAndRef() =>
        MessageRoundTrip.Check(new DemonitorRequest(B, A, ulong.MaxValue), (actual, expected) =>
        {
            Assert.That(actual.Watcher, Is.EqualTo(expected.Watcher));
            Assert.That(actual.Watched, Is.EqualTo(expected.Watched));
            Assert.That(actual.Ref, Is.EqualTo(expected.Ref));
        });

    [TestCaseSource(nameof(Reasons))]
    public void ExitSignal_RoundTrip_PreservesPidsAndReason(WireExitReason reason) =>
        MessageRoundTrip.Check(new WireExit(A, B, reason), (actual, expected) =>
        {
            Assert.That(actual.From, Is.EqualTo(expected.From));
            Assert.That(actual.To, Is.EqualTo(expected.To));
            Assert.That(actual.Reason, Is.EqualTo(expected.Reason));
        });

    [TestCaseSource(nameof(Reasons))]
    public void DownSignal_RoundTrip_PreservesRefPidAndReason(WireExitReason reason) =>
        MessageRoundTrip.Check(new WireDown(77, B, reason), (actual, expected) =>
        {
            Assert.That(actual.Ref, Is.EqualTo(expected.Ref));
            Assert.That(actual.Pid, Is.EqualTo(expected.Pid));
            Assert.That(actual.Reason, Is.EqualTo(expected.Reason));
        });

    [Test]
    public void WireExitReason_WellKnownName_EncodesInOneByte()
    {
        Assert.That(WireExitReason.Of("killed"), Is.EqualTo(WireExitReason.Killed));
        Assert.That(WireExitReason.Of("killed").ToString(), Is.EqualTo("killed"));
        Assert.That(WireExitReason.Of("oops").Kind, Is.EqualTo(ExitReasonKind.Custom));

        var small = MessageRoundTrip.Encode(new WireDown(1, A, WireExitReason.Normal)).Length;
        var large = MessageRoundTrip.Encode(new WireDown(1, A, WireExitReason.Of("x"))).Length;
        Assert.That(large - small, Is.EqualTo(2));
    }

    [Test]
    public void WireExitReason_WellKnownNameSentAsText_DecodesAsItsKind()
    {
        var bytes = MessageRoundTrip.Encode(new WireDown(1, A, WireExitReason.Of("x")));
        var withoutText = bytes.AsSpan(FrameHeader.Size)[..^2].ToArray();
        var reframed = MessageRoundTrip.Reframe(bytes, [.. withoutText, 6, .. "normal"u8]);

        Assert.That(MessageRoundTrip.Decode<WireDown>(Segments.Single(reframed)).Reason, Is.EqualTo(WireExitReason.Normal));
    }

    [TestCase((byte)7)]
    [TestCase((byte)254)]
    public void ExitSignal_UnknownReasonKind_ThrowsMalformed(byte kind)
    {
        var bytes = MessageRoundTrip.Encode(new WireExit(A, B, WireExitReason.Normal));
        bytes[^1] = kind;

        var ex = Assert.Throws<ProtocolException>(() => MessageRoundTrip.Decode<WireExit>(Segments.Single(bytes)));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.Malformed));
    }

    [Test]
    public void ExitSignal_AlongALink_CarriesTheLinkedFlagNotACorrelation()
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        SystemMessage.Write(writer, new WireExit(A, B, WireExitReason.Kill), flags: FrameFlags.Linked);
        var header = FrameHeader.Read(writer.WrittenSpan);

        Assert.That((header.Flags, header.Correlation), Is.EqualTo((FrameFlags.Linked, 0UL)));
        Assert.That(Read(writer.WrittenSpan.ToArray()).To, Is.EqualTo(B));
    }

    [Test]
    public void SystemMessage_WithAStatus_IsMalformed()
    {
        var bytes = MessageRoundTrip.Encode(new WireExit(A, B, WireExitReason.Kill));
        bytes[6] = 1;

        var ex = Assert.Throws<ProtocolException>(() => Read(bytes));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.Malformed));
    }

    private static WireExit Read(byte[] bytes)
    {
        var buffer = Segments.Single(bytes);
        Assert.That(Frame.TryRead(ref buffer, TransportLimits.DefaultMaxPayload, out var frame), Is.True);
        return SystemMessage.Read<WireExit>(frame, TransportLimits.Default);
    }
}
