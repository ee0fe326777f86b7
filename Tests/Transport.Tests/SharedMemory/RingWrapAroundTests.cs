using System.Buffers;
using DistSys.Transport.SharedMemory;

namespace DistSys.Transport.Tests.SharedMemory;

public sealed class RingWrapAroundTests
{
    private const int Capacity = RingLayout.MinCapacity;

    [Test]
    public void TryWrite_EveryRecordSizeAroundTheEnd_NeverStraddlesAndRoundTrips()
    {
        using var pair = new ChannelPair(Capacity);
        var buffer = new byte[1024];
        var expected = new byte[1024];
        ulong seq = 0;
        for (var room = 8; room <= 512; room += 8)
        {
            for (var recordSize = room - 24; recordSize <= room + 24; recordSize += 8)
            {
                if (recordSize < 32)
                {
                    continue;
                }

                MoveTo(pair, Capacity - room);
                // Vary the padding too: every length from recordSize - 39 to recordSize - 32 pads to recordSize.
                var payloadLength = Math.Max(0, recordSize - 32 - (int)(seq % 8));
                var payload = expected.AsSpan(0, payloadLength);
                ChannelPair.Fill(payload, ++seq);
                var start = pair.Writer.Position;

                Assert.That(pair.Writer.TryWrite(ChannelPair.Header(seq), payload), Is.True);
                Assert.That(pair.Reader.TryRead(out var frame), Is.True);

                Assert.That(frame.Header.Correlation, Is.EqualTo(seq));
                Assert.That(frame.Payload.Length, Is.EqualTo(payloadLength));
                frame.Payload.CopyTo(buffer.AsSpan());
                Assert.That(buffer.AsSpan(0, payloadLength).SequenceEqual(payload), Is.True, $"room {room}, record {recordSize}");
                pair.Reader.Advance();
                var fits = recordSize <= room;
                var end = start + (ulong)(fits ? recordSize : room + recordSize);
                Assert.That(pair.Writer.Position, Is.EqualTo(end), $"room {room}, record {recordSize}: {(fits ? "fits" : "skips to 0")}");
                Assert.That(pair.Reader.Position, Is.EqualTo(end));
            }
        }
    }

    [Test]
    public void TryWrite_ManyLapsWithRecordsInFlight_ArriveInOrder()
    {
        using var pair = new ChannelPair(Capacity);
        var payload = new byte[300];
        ulong written = 0;
        ulong read = 0;
        while (read < 2000)
        {
            var length = (int)((written * 37) % 300);
            while (pair.Writer.TryWrite(ChannelPair.Header(written), payload.AsSpan(0, length)))
            {
                written++;
                length = (int)((written * 37) % 300);
            }

            while (pair.Reader.TryRead(out var frame))
            {
                Assert.That(frame.Header.Correlation, Is.EqualTo(read));
                Assert.That(frame.Payload.Length, Is.EqualTo((int)((read * 37) % 300)));
                pair.Reader.Advance();
                read++;
            }
        }

        Assert.That(pair.Writer.Position, Is.GreaterThan((ulong)Capacity * 50), "the ring lapped many times");
    }

    /// <summary>Writes and consumes filler records until the next record starts at <paramref name="offset"/>.</summary>
    private static void MoveTo(ChannelPair pair, int offset)
    {
        var filler = new byte[Capacity];
        while ((int)(pair.Writer.Position % Capacity) != offset)
        {
            var current = (int)(pair.Writer.Position % Capacity);
            var distance = ((offset - current) + Capacity) % Capacity;
            var toEnd = Capacity - current;
            var record = distance >= 32 && distance <= toEnd ? distance : toEnd >= 32 ? toEnd : 32;
            Assert.That(pair.Writer.TryWrite(ChannelPair.Header(0), filler.AsSpan(0, record - 32)), Is.True);
            Assert.That(pair.Reader.TryRead(out _), Is.True);
            pair.Reader.Advance();
        }
    }
}
