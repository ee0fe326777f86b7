using DistSys.Transport.RingPeer;
using DistSys.Transport.SharedMemory;

namespace DistSys.Transport.Tests.SharedMemory;

public sealed class RingStressTests
{
    private const ulong Messages = 10_000_000;

    [Test]
    public async Task TryWriteTryRead_TwoThreadsTenMillionMessages_ArriveInOrderWithMatchingChecksums()
    {
        using var pair = new ChannelPair(64 * 1024);
        var producer = Task.Factory.StartNew(() => ChannelPair.SendNumbered(pair.Writer, Messages), TaskCreationOptions.LongRunning);

        var received = Consume(pair.Reader);
        var sent = await producer.WaitAsync(Eventually.Liveness);

        Assert.That(received, Is.EqualTo(sent));
    }

    private static ulong Consume(RingReader reader)
    {
        var checksum = RingChecksum.Seed;
        for (ulong sequence = 0; sequence < Messages; sequence++)
        {
            DistSys.Transport.Framing.Frame frame;
            while (!reader.TryRead(out frame))
            {
                Assert.That(reader.WaitToRead(Eventually.Liveness), Is.EqualTo(RingWaitResult.Ready));
            }

            if (frame.Header.Correlation != sequence)
            {
                Assert.Fail($"expected record {sequence}, got {frame.Header.Correlation}");
            }

            checksum = RingChecksum.Add(checksum, sequence, frame.Payload.FirstSpan);
            reader.Advance();
        }

        return checksum;
    }
}
