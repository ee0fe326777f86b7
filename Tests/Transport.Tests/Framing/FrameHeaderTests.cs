using DistSys.Transport.Framing;

namespace DistSys.Transport.Tests.Framing;

public sealed class FrameHeaderTests
{
    private static readonly FrameHeader Sample =
        new(FrameKind.Message, FrameFlags.MessagePack, 0x0102030405060708, 0x1112131415161718, 0x2122232425262728, 0x00ABCDEF, status: 0x5A);

    [Test]
    public void Write_ThenRead_RoundTripsEveryField()
    {
        Span<byte> bytes = stackalloc byte[FrameHeader.Size];
        Sample.Write(bytes);

        Assert.That(FrameHeader.Read(bytes), Is.EqualTo(Sample));
    }

    [Test]
    public void Write_Always_LaysOutLittleEndianFieldsAsDocumented()
    {
        var bytes = new byte[FrameHeader.Size];
        Sample.Write(bytes);

        Assert.That(bytes, Is.EqualTo(new byte[]
        {
            0xEF, 0xCD, 0xAB, 0x00, (byte)FrameKind.Message, 1, 0x5A, 0,
            0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
            0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11,
            0x28, 0x27, 0x26, 0x25, 0x24, 0x23, 0x22, 0x21,
        }));
    }

    [Test]
    public void Read_NonZeroReservedByte_ThrowsNonZeroReserved()
    {
        var bytes = Encoded();
        bytes[7] = 1;

        AssertRejected(bytes, ProtocolError.NonZeroReserved);
    }

    [Test]
    public void Read_StatusByte_IsItsOwnField()
    {
        var bytes = Encoded(new FrameHeader(FrameKind.Message, FrameFlags.Raw, 7, 0, 9, status: 2));

        var header = FrameHeader.Read(bytes);

        Assert.That((header.Status, header.Target, header.Correlation), Is.EqualTo(((byte)2, 7UL, 9UL)));
    }

    [Test]
    public void Read_LinkedFlagOnExit_IsAccepted()
    {
        var bytes = Encoded(new FrameHeader(FrameKind.Exit, FrameFlags.Linked, 0, 0, 0));

        Assert.That(FrameHeader.Read(bytes).Flags, Is.EqualTo(FrameFlags.Linked));
    }

    [TestCase(FrameKind.Message)]
    [TestCase(FrameKind.Link)]
    [TestCase(FrameKind.Down)]
    public void Read_LinkedFlagOnAnotherKind_ThrowsUnknownFlags(FrameKind kind)
    {
        var bytes = Encoded(new FrameHeader(kind, FrameFlags.Raw, 0, 0, 0));
        bytes[5] = (byte)FrameFlags.Linked;

        AssertRejected(bytes, ProtocolError.UnknownFlags);
    }

    [TestCase((byte)0)]
    [TestCase((byte)18)]
    [TestCase((byte)255)]
    public void Read_UnknownKind_ThrowsUnknownKind(byte kind)
    {
        var bytes = Encoded();
        bytes[4] = kind;

        AssertRejected(bytes, ProtocolError.UnknownKind);
    }

    [TestCase((byte)2)]
    [TestCase((byte)0x80)]
    [TestCase((byte)0xFF)]
    public void Read_ReservedFlag_ThrowsUnknownFlags(byte flags)
    {
        var bytes = Encoded();
        bytes[5] = flags;

        AssertRejected(bytes, ProtocolError.UnknownFlags);
    }

    [Test]
    public void Read_LengthAboveMaximum_ThrowsOversize()
    {
        var bytes = Encoded(new FrameHeader(FrameKind.Heartbeat, FrameFlags.Raw, 0, 0, 0, 1001));

        Assert.That(FrameHeader.Read(bytes, 1001).Length, Is.EqualTo(1001));
        var ex = Assert.Throws<ProtocolException>(() => FrameHeader.Read(bytes, 1000));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.Oversize));
    }

    [Test]
    public void Read_LengthAboveIntMax_ThrowsOversize()
    {
        var bytes = Encoded();
        bytes[0] = bytes[1] = bytes[2] = bytes[3] = 0xFF;

        var ex = Assert.Throws<ProtocolException>(() => FrameHeader.Read(bytes, int.MaxValue));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.Oversize));
    }

    [Test]
    public void Read_ShortSpan_ThrowsTruncated() =>
        AssertRejected(Encoded()[..31], ProtocolError.Truncated);

    [Test]
    public void Write_ShortDestination_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => Sample.Write(new byte[31]));

    [Test]
    public void Constructor_NegativeLength_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FrameHeader(FrameKind.Heartbeat, FrameFlags.Raw, 0, 0, 0, -1));

    private static byte[] Encoded(FrameHeader? header = null)
    {
        var bytes = new byte[FrameHeader.Size];
        (header ?? Sample).Write(bytes);
        return bytes;
    }

    private static void AssertRejected(byte[] bytes, ProtocolError error)
    {
        var ex = Assert.Throws<ProtocolException>(() => FrameHeader.Read(bytes));
        Assert.That(ex!.Error, Is.EqualTo(error));
    }
}
