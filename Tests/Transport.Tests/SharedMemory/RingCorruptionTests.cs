using DistSys.Transport.Framing;
using DistSys.Transport.SharedMemory;

namespace DistSys.Transport.Tests.SharedMemory;

/// <summary>The other process is hostile: whatever it scribbles on the ring is rejected with a ProtocolException.</summary>
public sealed class RingCorruptionTests
{
    private const int Capacity = RingLayout.MinCapacity;
    private static readonly long Data = RingLayout.DataOffset(0, Capacity);
    private static readonly long Tail = RingLayout.ControlOffset(0) + RingLayout.TailOffset;
    private static readonly long Head = RingLayout.ControlOffset(0) + RingLayout.HeadOffset;

    [Test]
    public void TryRead_RecordWithUnknownKind_ThrowsUnknownKind()
    {
        using var pair = new ChannelPair(Capacity);
        pair.Writer.TryWrite(ChannelPair.Header(1), [1, 2, 3]);
        pair.Poke(Data + 4, [0xEE]);

        var error = Assert.Throws<ProtocolException>(() => pair.Reader.TryRead(out _));

        Assert.That(error!.Error, Is.EqualTo(ProtocolError.UnknownKind));
    }

    [Test]
    public void TryRead_RecordLongerThanThePublishedTail_ThrowsMalformed()
    {
        using var pair = new ChannelPair(Capacity);
        pair.Writer.TryWrite(ChannelPair.Header(1), [1, 2, 3]);
        pair.Poke(Data, [0xE8, 0x03, 0, 0]);

        var error = Assert.Throws<ProtocolException>(() => pair.Reader.TryRead(out _));

        Assert.That(error!.Error, Is.EqualTo(ProtocolError.Malformed));
    }

    [Test]
    public void TryRead_RecordLengthAboveTheRing_ThrowsOversize()
    {
        using var pair = new ChannelPair(Capacity);
        pair.Writer.TryWrite(ChannelPair.Header(1), [1, 2, 3]);
        pair.Poke(Data, [0, 0, 0, 0x10]);

        var error = Assert.Throws<ProtocolException>(() => pair.Reader.TryRead(out _));

        Assert.That(error!.Error, Is.EqualTo(ProtocolError.Oversize));
    }

    [TestCase(Capacity + 8UL, TestName = "TryRead_TailMoreThanOneCapacityAhead_ThrowsMalformed")]
    [TestCase(44UL, TestName = "TryRead_TailNotAligned_ThrowsMalformed")]
    [TestCase(ulong.MaxValue - 7, TestName = "TryRead_TailBehindHead_ThrowsMalformed")]
    public void TryRead_ImpossibleTail_ThrowsMalformed(ulong tail)
    {
        using var pair = new ChannelPair(Capacity);
        pair.PokeUInt64(Tail, tail);

        var error = Assert.Throws<ProtocolException>(() => pair.Reader.TryRead(out _));

        Assert.That(error!.Error, Is.EqualTo(ProtocolError.Malformed));
    }

    [Test]
    public void TryRead_SkipMarkerBeyondThePublishedTail_ThrowsMalformed()
    {
        using var pair = new ChannelPair(Capacity);
        pair.Poke(Data, [0xFF, 0xFF, 0xFF, 0xFF]);
        pair.PokeUInt64(Tail, 8);

        Assert.Throws<ProtocolException>(() => pair.Reader.TryRead(out _));
    }

    [Test]
    public void Open_UnalignedIndexInTheFile_ThrowsMalformed()
    {
        using var pair = new ChannelPair(Capacity);
        pair.PokeUInt64(Head, 12);
        pair.PokeUInt64(Tail, 12);

        var error = Assert.Throws<ProtocolException>(() => SharedMemoryChannel.Open(pair.Path));

        Assert.That(error!.Error, Is.EqualTo(ProtocolError.Malformed));
    }

    [Test]
    public void TryWrite_HeadAheadOfTail_ThrowsMalformed()
    {
        using var pair = new ChannelPair(Capacity);
        var payload = new byte[100];
        while (pair.Writer.TryWrite(ChannelPair.Header(0), payload))
        {
        }

        pair.PokeUInt64(Head, pair.Writer.Position + 64);

        var error = Assert.Throws<ProtocolException>(() => pair.Writer.TryWrite(ChannelPair.Header(0), payload));

        Assert.That(error!.Error, Is.EqualTo(ProtocolError.Malformed));
    }

    [Test]
    public void Open_PeerTriesToTruncateTheMapping_RefusedBySeals()
    {
        using var pair = new ChannelPair(Capacity);
        using var file = new FileStream(pair.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);

        Assert.Throws<UnauthorizedAccessException>(() => file.SetLength(RingLayout.HeaderSize), "a truncated mapping would SIGBUS the node");
        Assert.That(pair.Writer.TryWrite(ChannelPair.Header(1), [1]), Is.True, "the node's mapping is intact");
    }

    [Test]
    public void Open_FileShorterThanItsHeader_ThrowsTruncated()
    {
        var path = ChannelPair.NewPath();
        File.WriteAllBytes(path, new byte[100]);
        try
        {
            var error = Assert.Throws<ProtocolException>(() => SharedMemoryChannel.Open(path));

            Assert.That(error!.Error, Is.EqualTo(ProtocolError.Truncated));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase(0, 0x11UL, ProtocolError.Malformed, TestName = "Open_BadMagic_ThrowsMalformed")]
    [TestCase(8, 2UL, ProtocolError.BadVersion, TestName = "Open_OtherVersion_ThrowsBadVersion")]
    [TestCase(16, 3000UL | (2UL << 32), ProtocolError.Malformed, TestName = "Open_CapacityNotAPowerOfTwo_ThrowsMalformed")]
    [TestCase(16, 8192UL | (2UL << 32), ProtocolError.Malformed, TestName = "Open_CapacityDisagreesWithFileLength_ThrowsMalformed")]
    [TestCase(16, 4096UL | (3UL << 32), ProtocolError.Malformed, TestName = "Open_WrongRingCount_ThrowsMalformed")]
    public void Open_CorruptHeader_ThrowsProtocolException(long offset, ulong value, ProtocolError expected)
    {
        using var pair = new ChannelPair(Capacity);
        pair.PokeUInt64(offset, value);

        var error = Assert.Throws<ProtocolException>(() => SharedMemoryChannel.Open(pair.Path));

        Assert.That(error!.Error, Is.EqualTo(expected));
    }

    [Test]
    public void TryRead_SeededGarbageOnTheRing_OnlyProtocolExceptionOrFramesWithinBounds()
    {
        var random = new Random(20261123);
        var garbage = new byte[512];
        using var pair = new ChannelPair(Capacity);
        for (var round = 0; round < 1500; round++)
        {
            random.NextBytes(garbage);
            if (round % 3 == 0)
            {
                // A plausible header keeps the fuzzer past the first checks often enough.
                ChannelPair.Header(1).WithLength(random.Next(64)).Write(garbage);
            }

            pair.Poke(Data, garbage);
            pair.PokeUInt64(Head, 0);
            pair.PokeUInt64(Tail, round % 2 == 0 ? (ulong)random.Next(0, 80) * 8 : (ulong)random.NextInt64());
            using var opener = OpenOrNull(pair.Path);
            if (opener is not null)
            {
                Drain(opener.Reader);
            }
        }
    }

    private static SharedMemoryChannel? OpenOrNull(string path)
    {
        try
        {
            return SharedMemoryChannel.Open(path);
        }
        catch (ProtocolException)
        {
            return null;
        }
    }

    private static void Drain(RingReader reader)
    {
        try
        {
            for (var records = 0; reader.TryRead(out var frame); records++)
            {
                Assert.That(records, Is.LessThan(Capacity / FrameHeader.Size), "more records than fit in the ring");
                Assert.That(frame.Payload.Length, Is.LessThanOrEqualTo(Capacity - FrameHeader.Size));
                reader.Advance();
            }
        }
        catch (ProtocolException)
        {
            // The only acceptable failure.
        }
    }
}
