using System.Buffers;
using System.Text;
using DistSys.Transport.Connections;
using DistSys.Transport.Framing;

namespace DistSys.Transport.Tests.Connections;

[TestFixture]
public sealed class ProtocolSnifferTests
{
    [TestCase("GET / HTTP/1.1\r\n")]
    [TestCase("P")]
    [TestCase("\u0016\u0003\u0001")]
    [TestCase("DSYX")]
    public void Sniff_NotThePreamble_ReturnsOther(string first) =>
        Assert.That(ProtocolSniffer.Sniff(Encoding.Latin1.GetBytes(first)), Is.EqualTo(SniffResult.Other));

    [TestCase("")]
    [TestCase("D")]
    [TestCase("DSY")]
    public void Sniff_PrefixOfMagic_ReturnsNeedMoreBytes(string first) =>
        Assert.That(ProtocolSniffer.Sniff(Encoding.ASCII.GetBytes(first)), Is.EqualTo(SniffResult.NeedMoreBytes));

    [Test]
    public void Sniff_FullPreamble_ReturnsCluster()
    {
        var preamble = new byte[ConnectionPreamble.Size];
        ConnectionPreamble.Write(preamble);
        Assert.That(ProtocolSniffer.Sniff(preamble), Is.EqualTo(SniffResult.Cluster));
    }

    [Test]
    public void Sniff_PreambleSplitAcrossSegments_ReturnsCluster()
    {
        var first = new Segment("DS"u8.ToArray());
        var last = first.Append("YS\u0001\0\0\0"u8.ToArray());
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        Assert.That(ProtocolSniffer.Sniff(sequence), Is.EqualTo(SniffResult.Cluster));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
