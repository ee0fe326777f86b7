using System.Text;
using DistSys.Transport.Framing;
using DistSys.Transport.Tests.Serialization;

namespace DistSys.Transport.Tests.Framing;

public sealed class ConnectionPreambleTests
{
    [Test]
    public void Write_ThenMatch_ReturnsClusterAndVersion()
    {
        var bytes = new byte[ConnectionPreamble.Size];
        ConnectionPreamble.Write(bytes, 0x0203);

        Assert.That(bytes, Is.EqualTo("DSYS"u8.ToArray().Concat(new byte[] { 3, 2, 0, 0 })));
        Assert.That(ConnectionPreamble.Match(bytes, out var version), Is.EqualTo(PreambleMatch.Cluster));
        Assert.That(version, Is.EqualTo(0x0203));
    }

    [Test]
    public void Match_ProperPrefixOfPreamble_NeedsMoreBytes()
    {
        var bytes = Preamble();
        for (var n = 0; n < ConnectionPreamble.Size; n++)
        {
            Assert.That(ConnectionPreamble.Match(bytes.AsSpan(0, n), out _), Is.EqualTo(PreambleMatch.NeedMoreBytes), $"prefix {n}");
        }
    }

    [TestCase("G")]
    [TestCase("GET / HTTP/1.1\r\n")]
    [TestCase("DSYX")]
    [TestCase("PRI * HTTP/2.0")]
    public void Match_OtherProtocol_ReturnsForeignAsSoonAsItDiffers(string start) =>
        Assert.That(ConnectionPreamble.Match(Encoding.ASCII.GetBytes(start), out _), Is.EqualTo(PreambleMatch.Foreign));

    [Test]
    public void Match_NonZeroReserved_ThrowsBadPreamble()
    {
        var bytes = Preamble();
        bytes[7] = 1;

        var ex = Assert.Throws<ProtocolException>(() => ConnectionPreamble.Match(bytes, out _));
        Assert.That(ex!.Error, Is.EqualTo(ProtocolError.BadPreamble));
    }

    [Test]
    public void Match_SequenceSplitAtEveryOffset_ReturnsCluster()
    {
        byte[] bytes = [.. Preamble(), 0xEE, 0xFF];
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            Assert.That(ConnectionPreamble.Match(Segments.Split(bytes, offset), out var version), Is.EqualTo(PreambleMatch.Cluster));
            Assert.That(version, Is.EqualTo(ConnectionPreamble.CurrentVersion));
        }
    }

    [Test]
    public void Match_ShortMultiSegmentSequence_NeedsMoreBytes() =>
        Assert.That(ConnectionPreamble.Match(Segments.OneBytePerSegment("DSY"u8), out _), Is.EqualTo(PreambleMatch.NeedMoreBytes));

    private static byte[] Preamble()
    {
        var bytes = new byte[ConnectionPreamble.Size];
        ConnectionPreamble.Write(bytes);
        return bytes;
    }
}
