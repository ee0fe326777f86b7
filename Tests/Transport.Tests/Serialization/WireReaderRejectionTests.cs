using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Tests.Serialization;

public sealed class WireReaderRejectionTests
{
    [TestCase(new byte[] { 0x80, 0x00 }, TestName = "ReadVarUInt64_OverlongZero_ThrowsBadVarint")]
    [TestCase(new byte[] { 0xFF, 0x80, 0x00 }, TestName = "ReadVarUInt64_TrailingZeroGroup_ThrowsBadVarint")]
    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 }, TestName = "ReadVarUInt64_TenthByteAboveOne_ThrowsBadVarint")]
    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x81, 0x01 }, TestName = "ReadVarUInt64_ElevenBytes_ThrowsBadVarint")]
    public void ReadVarUInt64_Invalid_ThrowsBadVarint(byte[] bytes) =>
        Assert.That(WireReaderSplits.ErrorOf(bytes, (ref WireReader r) => r.ReadVarUInt64()), Is.EqualTo(ProtocolError.BadVarint));

    [TestCase(new byte[] { })]
    [TestCase(new byte[] { 0x80 })]
    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF })]
    public void ReadVarUInt64_EndsMidVarint_ThrowsTruncated(byte[] bytes) =>
        Assert.That(WireReaderSplits.ErrorOf(bytes, (ref WireReader r) => r.ReadVarUInt64()), Is.EqualTo(ProtocolError.Truncated));

    [Test]
    public void ReadVarUInt32_AboveUInt32_ThrowsBadVarint() =>
        Assert.That(WireReaderSplits.ErrorOf([0x80, 0x80, 0x80, 0x80, 0x10], (ref WireReader r) => r.ReadVarUInt32()), Is.EqualTo(ProtocolError.BadVarint));

    [Test]
    public void ReadFixed_TooFewBytes_ThrowsTruncated()
    {
        Assert.That(WireReaderSplits.ErrorOf([1], (ref WireReader r) => r.ReadUInt16()), Is.EqualTo(ProtocolError.Truncated));
        Assert.That(WireReaderSplits.ErrorOf([1, 2, 3], (ref WireReader r) => r.ReadUInt32()), Is.EqualTo(ProtocolError.Truncated));
        Assert.That(WireReaderSplits.ErrorOf([1, 2, 3, 4, 5, 6, 7], (ref WireReader r) => r.ReadUInt64()), Is.EqualTo(ProtocolError.Truncated));
        Assert.That(WireReaderSplits.ErrorOf(new byte[31], (ref WireReader r) => r.ReadExactly(stackalloc byte[32])), Is.EqualTo(ProtocolError.Truncated));
    }

    [Test]
    public void ReadString_LongerThanLimit_ThrowsBadString()
    {
        var limits = new TransportLimits { MaxStringBytes = 4 };

        Assert.That(WireReaderSplits.ErrorOf([5, .. "hello"u8], (ref WireReader r) => r.ReadString(), limits), Is.EqualTo(ProtocolError.BadString));
        WireReaderSplits.ForEachLayout([4, .. "hell"u8], (ref WireReader r) => Assert.That(r.ReadString(), Is.EqualTo("hell")), limits);
    }

    [Test]
    public void ReadString_LengthBeyondRemaining_ThrowsTruncated() =>
        Assert.That(WireReaderSplits.ErrorOf([100, .. "abc"u8], (ref WireReader r) => r.ReadString()), Is.EqualTo(ProtocolError.Truncated));

    [TestCase(new byte[] { 2, 0xC3, 0x28 })]
    [TestCase(new byte[] { 1, 0xFF })]
    [TestCase(new byte[] { 3, 0xED, 0xA0, 0x80 })]
    public void ReadString_InvalidUtf8_ThrowsBadString(byte[] bytes) =>
        Assert.That(WireReaderSplits.ErrorOf(bytes, (ref WireReader r) => r.ReadString()), Is.EqualTo(ProtocolError.BadString));

    [Test]
    public void ReadBytes_LongerThanMax_ThrowsMalformed() =>
        Assert.That(WireReaderSplits.ErrorOf([3, 1, 2, 3], (ref WireReader r) => r.ReadBytes(2)), Is.EqualTo(ProtocolError.Malformed));

    [Test]
    public void ReadCount_AboveLimit_ThrowsListTooLong()
    {
        var limits = new TransportLimits { MaxListCount = 3 };
        Assert.That(WireReaderSplits.ErrorOf([4, 0, 0, 0, 0], (ref WireReader r) => r.ReadCount(1), limits), Is.EqualTo(ProtocolError.ListTooLong));
    }

    [Test]
    public void ReadCount_BeyondRemainingBytes_ThrowsListTooLong() =>
        Assert.That(WireReaderSplits.ErrorOf([3, 0, 0, 0, 0, 0], (ref WireReader r) => r.ReadCount(2)), Is.EqualTo(ProtocolError.ListTooLong));

    [Test]
    public void ReadCount_HugeCountTimesElementSize_DoesNotOverflow() =>
        Assert.That(
            WireReaderSplits.ErrorOf([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], (ref WireReader r) => r.ReadCount(int.MaxValue)),
            Is.EqualTo(ProtocolError.ListTooLong));

    [Test]
    public void EnsureEnd_TrailingBytes_ThrowsMalformed() =>
        Assert.That(WireReaderSplits.ErrorOf([1, 2], (ref WireReader r) =>
        {
            r.ReadByte();
            r.EnsureEnd();
        }), Is.EqualTo(ProtocolError.Malformed));
}
