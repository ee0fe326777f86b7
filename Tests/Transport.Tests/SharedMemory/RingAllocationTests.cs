namespace DistSys.Transport.Tests.SharedMemory;

/// <summary>
/// Enqueue and dequeue allocate nothing (RingBenchmarks shows the same as 0 B/op): measured with the
/// thread's allocation counter over many operations after a warm-up, across many laps of the ring.
/// </summary>
public sealed class RingAllocationTests
{
    private const int Operations = 20_000;

    [TestCase(64)]
    [TestCase(3000)]
    public void TryWriteTryReadAdvance_SteadyState_AllocateNothing(int payloadSize)
    {
        using var pair = new ChannelPair();
        var payload = new byte[payloadSize];
        var header = ChannelPair.Header(1);
        long checksum = 0;
        void Cycle()
        {
            pair.Writer.TryWrite(header, payload);
            pair.Reader.TryRead(out var frame);
            checksum += frame.Payload.FirstSpan.Length;
            pair.Reader.Advance();
        }

        Cycle();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Operations; i++)
        {
            Cycle();
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(checksum, Is.EqualTo((long)payloadSize * (Operations + 1)));
    }

    [Test]
    public void WaitToReadWaitToWrite_ReadyAtOnce_AllocateNothing()
    {
        using var pair = new ChannelPair();
        var header = ChannelPair.Header(1);
        Span<byte> payload = stackalloc byte[8];
        pair.Writer.WaitToWrite(8, TimeSpan.Zero);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Operations; i++)
        {
            pair.Writer.WaitToWrite(8, TimeSpan.Zero);
            pair.Writer.TryWrite(header, payload);
            pair.Reader.WaitToRead(TimeSpan.Zero);
            pair.Reader.TryRead(out _);
            pair.Reader.Advance();
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
