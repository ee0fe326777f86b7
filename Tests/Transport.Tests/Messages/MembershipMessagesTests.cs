using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using DistSys.Transport.Tests.Serialization;

namespace DistSys.Transport.Tests.Messages;

public sealed class MembershipMessagesTests
{
    private static readonly MemberInfo[] Members =
    [
        new("master", "127.0.0.1", 8080, 1_700_000_000_001, MemberStatus.Up, MemberRole.Master),
        new("worker1", "10.1.2.3", 8081, 2, MemberStatus.Suspect, MemberRole.Worker),
        new("worker2", "::1", 65535, 0, MemberStatus.Leaving, MemberRole.Worker),
    ];

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3)]
    public void MembershipUpdate_RoundTrip_PreservesEpochAndMembers(int count) =>
        MessageRoundTrip.Check(new MembershipUpdate(42, Members[..count]), (actual, expected) =>
        {
            Assert.That(actual.Epoch, Is.EqualTo(expected.Epoch));
            Assert.That(actual.Members, Is.EqualTo(expected.Members));
        });

    [Test]
    public void MembershipUpdate_CountAboveLimit_ThrowsListTooLong()
    {
        var bytes = MessageRoundTrip.Encode(new MembershipUpdate(1, Members));
        var limits = new TransportLimits { MaxListCount = 2 };

        var ex = Assert.Throws<ProtocolException>(() => MessageRoundTrip.Decode<MembershipUpdate>(Segments.Single(bytes), limits));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.ListTooLong));
    }

    [Test]
    public void MembershipUpdate_CountBeyondRemainingBytes_ThrowsListTooLongBeforeAllocating()
    {
        // Epoch 1, then a count of 4096 (the default cap) with no members behind it: an array for them
        // would take over 160 KB, so a small allocation delta proves the count was checked first.
        var bytes = MessageRoundTrip.Reframe(MessageRoundTrip.Encode(new MembershipUpdate(1, [])), [1, 0x80, 0x20]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ProtocolException>(() => MessageRoundTrip.Decode<MembershipUpdate>(Segments.Single(bytes)));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.ListTooLong));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(32 * 1024));
    }

    [TestCase(0, (byte)0)]
    [TestCase(0, (byte)3)]
    [TestCase(1, (byte)0)]
    [TestCase(1, (byte)6)]
    public void MembershipUpdate_UnknownStatusOrRole_ThrowsMalformed(int fromEnd, byte value)
    {
        var bytes = MessageRoundTrip.Encode(new MembershipUpdate(1, Members[..1]));
        bytes[^(fromEnd + 1)] = value;

        var ex = Assert.Throws<ProtocolException>(() => MessageRoundTrip.Decode<MembershipUpdate>(Segments.Single(bytes)));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.Malformed));
    }

    [Test]
    public void NodeLeaving_RoundTrip_PreservesEveryField() =>
        MessageRoundTrip.Check(new NodeLeaving("worker1", 7, WireExitReason.Shutdown), (actual, expected) =>
        {
            Assert.That(actual.Node, Is.EqualTo(expected.Node));
            Assert.That(actual.Incarnation, Is.EqualTo(expected.Incarnation));
            Assert.That(actual.Reason, Is.EqualTo(expected.Reason));
        });
}
