using System.Buffers;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Tests.Serialization;

public sealed class WireRoundTripTests
{
    private static readonly ulong[] Unsigned = [0, 1, 127, 128, 255, 16383, 16384, uint.MaxValue, (ulong)uint.MaxValue + 1, long.MaxValue, ulong.MaxValue];
    private static readonly long[] Signed = [0, -1, 1, -64, 64, int.MinValue, int.MaxValue, long.MinValue, long.MaxValue];

    [Test]
    public void VarUInt64_RoundTrip_UsesExactlyWireSizeBytes()
    {
        foreach (var value in Unsigned)
        {
            var bytes = Write((ref WireWriter w) => w.WriteVarUInt64(value));
            Assert.That(bytes, Has.Length.EqualTo(WireSize.VarUInt64(value)), $"{value}");
            WireReaderSplits.ForEachLayout(bytes, (ref WireReader r) =>
            {
                Assert.That(r.ReadVarUInt64(), Is.EqualTo(value));
                r.EnsureEnd();
            });
        }
    }

    [Test]
    public void VarInt64_RoundTrip_KeepsSmallNegativesShort()
    {
        foreach (var value in Signed)
        {
            var bytes = Write((ref WireWriter w) => w.WriteVarInt64(value));
            Assert.That(bytes, Has.Length.EqualTo(WireSize.VarInt64(value)));
            WireReaderSplits.ForEachLayout(bytes, (ref WireReader r) => Assert.That(r.ReadVarInt64(), Is.EqualTo(value)));
        }

        Assert.That(WireSize.VarInt64(-1), Is.EqualTo(1));
        Assert.That(WireSize.VarUInt64(ulong.MaxValue), Is.EqualTo(WireWriter.MaxVarintBytes));
    }

    [TestCase(0L, 0UL)]
    [TestCase(-1L, 1UL)]
    [TestCase(1L, 2UL)]
    [TestCase(-2L, 3UL)]
    [TestCase(long.MinValue, ulong.MaxValue)]
    public void ZigZag_Encode_InterleavesSigns(long value, ulong encoded)
    {
        Assert.That(ZigZag.Encode(value), Is.EqualTo(encoded));
        Assert.That(ZigZag.Decode(encoded), Is.EqualTo(value));
    }

    [Test]
    public void FixedIntegers_RoundTrip_LittleEndian()
    {
        var bytes = Write((ref WireWriter w) =>
        {
            w.WriteByte(0xAB);
            w.WriteUInt16(0x0102);
            w.WriteUInt32(0x03040506);
            w.WriteUInt64(0x0708090A0B0C0D0E);
        });

        Assert.That(bytes[..3], Is.EqualTo(new byte[] { 0xAB, 0x02, 0x01 }));
        WireReaderSplits.ForEachLayout(bytes, (ref WireReader r) =>
        {
            Assert.That(r.ReadByte(), Is.EqualTo(0xAB));
            Assert.That(r.ReadUInt16(), Is.EqualTo(0x0102));
            Assert.That(r.ReadUInt32(), Is.EqualTo(0x03040506));
            Assert.That(r.ReadUInt64(), Is.EqualTo(0x0708090A0B0C0D0E));
            Assert.That(r.Remaining, Is.Zero);
            Assert.That(r.Consumed, Is.EqualTo(15));
        });
    }

    [TestCase("")]
    [TestCase("a")]
    [TestCase("héllo wörld ✓ 東京 🚀")]
    public void String_RoundTrip_PreservesText(string text)
    {
        var bytes = Write((ref WireWriter w) => w.WriteString(text));
        Assert.That(bytes, Has.Length.EqualTo(WireSize.Utf8String(text)));
        WireReaderSplits.ForEachLayout(bytes, (ref WireReader r) => Assert.That(r.ReadString(), Is.EqualTo(text)));
    }

    [Test]
    public void String_LongerThanStackBuffer_RoundTripsAcrossSegments()
    {
        var text = string.Concat(Enumerable.Repeat("ü-0123456789", 40));
        var bytes = Write((ref WireWriter w) => w.WriteString(text));
        WireReaderSplits.ForEachLayout(bytes, (ref WireReader r) => Assert.That(r.ReadString(), Is.EqualTo(text)));
    }

    [Test]
    public void Bytes_RoundTrip_SlicesWithoutCopying()
    {
        byte[] value = [9, 8, 7, 6, 5];
        var bytes = Write((ref WireWriter w) =>
        {
            w.WriteBytes(value);
            w.WriteByte(1);
        });

        WireReaderSplits.ForEachLayout(bytes, (ref WireReader r) =>
        {
            Assert.That(r.ReadBytes(5).ToArray(), Is.EqualTo(value));
            Assert.That(r.ReadToEnd().ToArray(), Is.EqualTo(new byte[] { 1 }));
        });
    }

    [Test]
    public void ReadExactly_AcrossSegments_CopiesAllBytes()
    {
        var bytes = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        WireReaderSplits.ForEachLayout(bytes, (ref WireReader r) =>
        {
            Span<byte> destination = stackalloc byte[40];
            r.ReadExactly(destination);
            Assert.That(destination.ToArray(), Is.EqualTo(bytes));
        });
    }

    [Test]
    public void Writer_SmallChunks_WritesSameBytesAsContiguous()
    {
        var chunked = new ChunkedBufferWriter();
        var contiguous = new ArrayBufferWriter<byte>();
        WriteSample(chunked);
        WriteSample(contiguous);

        Assert.That(chunked.WrittenBytes, Is.EqualTo(contiguous.WrittenSpan.ToArray()));
    }

    private static void WriteSample(IBufferWriter<byte> output)
    {
        var writer = new WireWriter(output);
        writer.WriteVarUInt64(ulong.MaxValue);
        writer.WriteString(new string('x', 700));
        writer.WriteRaw(new byte[1000]);
        writer.WriteUInt64(5);
        writer.Flush();
        Assert.That(writer.Written, Is.EqualTo(10 + 702 + 1000 + 8));
    }

    private delegate void WriteAction(ref WireWriter writer);

    private static byte[] Write(WriteAction write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new WireWriter(output);
        write(ref writer);
        writer.Flush();
        Assert.That(writer.Written, Is.EqualTo(output.WrittenCount));
        return output.WrittenSpan.ToArray();
    }
}
