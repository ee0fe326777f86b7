using System.Buffers.Binary;
using DistSys.Transport.SharedMemory;

namespace DistSys.Transport.Tests.SharedMemory;

public sealed class RingWaiterTests
{
    private static readonly long RequestsControl = RingLayout.ControlOffset(0);

    [Test]
    public async Task WaitToRead_RecordPublishedWhileReaderSleeps_WakesWithReady()
    {
        using var pair = new ChannelPair();
        var waiting = Task.Factory.StartNew(() => pair.Reader.WaitToRead(Eventually.Liveness), TaskCreationOptions.LongRunning);
        Eventually.Spin(() => Flag(pair, RequestsControl + RingLayout.ConsumerSleepingOffset) == 1, "the reader sleeps on its doorbell");

        pair.Writer.TryWrite(ChannelPair.Header(1), [1]);

        Assert.That(await waiting.WaitAsync(Eventually.Liveness), Is.EqualTo(RingWaitResult.Ready));
        Assert.That(Flag(pair, RequestsControl + RingLayout.ConsumerSleepingOffset), Is.Zero, "the flag is cleared after waking");
    }

    [Test]
    public void WaitToRead_RecordAlreadyThere_ReturnsReadyAtOnce()
    {
        using var pair = new ChannelPair();
        pair.Writer.TryWrite(ChannelPair.Header(1), [1]);

        Assert.That(pair.Reader.WaitToRead(TimeSpan.Zero), Is.EqualTo(RingWaitResult.Ready));
    }

    [Test]
    public void WaitToRead_NothingWritten_TimesOut()
    {
        using var pair = new ChannelPair();

        Assert.That(pair.Reader.WaitToRead(TimeSpan.FromMilliseconds(20)), Is.EqualTo(RingWaitResult.TimedOut));
    }

    [Test]
    public async Task WaitToRead_PeerDisposesWhileReaderSleeps_ReturnsPeerClosed()
    {
        using var pair = new ChannelPair();
        var waiting = Task.Factory.StartNew(() => pair.Reader.WaitToRead(Eventually.Liveness), TaskCreationOptions.LongRunning);
        Eventually.Spin(() => Flag(pair, RequestsControl + RingLayout.ConsumerSleepingOffset) == 1, "the reader sleeps on its doorbell");

        pair.Creator.Dispose();

        Assert.That(await waiting.WaitAsync(Eventually.Liveness), Is.EqualTo(RingWaitResult.PeerClosed));
    }

    [Test]
    public void WaitToRead_PeerClosedWithRecordsLeft_ReadyUntilDrained()
    {
        using var pair = new ChannelPair();
        pair.Writer.TryWrite(ChannelPair.Header(1), [1]);
        pair.Creator.Dispose();

        Assert.That(pair.Reader.WaitToRead(Eventually.Liveness), Is.EqualTo(RingWaitResult.Ready));
        pair.Reader.TryRead(out _);
        pair.Reader.Advance();
        Assert.That(pair.Reader.WaitToRead(Eventually.Liveness), Is.EqualTo(RingWaitResult.PeerClosed));
    }

    [Test]
    public async Task WaitToWrite_RingFullUntilReaderAdvances_WakesWithReady()
    {
        using var pair = new ChannelPair();
        var payload = new byte[200];
        while (pair.Writer.TryWrite(ChannelPair.Header(0), payload))
        {
        }

        var waiting = Task.Factory.StartNew(() => pair.Writer.WaitToWrite(payload.Length, Eventually.Liveness), TaskCreationOptions.LongRunning);
        Eventually.Spin(() => Flag(pair, RequestsControl + RingLayout.ProducerSleepingOffset) == 1, "the writer sleeps on its doorbell");
        pair.Reader.TryRead(out _);
        pair.Reader.Advance();

        Assert.That(await waiting.WaitAsync(Eventually.Liveness), Is.EqualTo(RingWaitResult.Ready));
        Assert.That(pair.Writer.TryWrite(ChannelPair.Header(0), payload), Is.True);
    }

    [Test]
    public void WaitToWrite_RingFullAndNobodyReads_TimesOut()
    {
        using var pair = new ChannelPair();
        var payload = new byte[200];
        while (pair.Writer.TryWrite(ChannelPair.Header(0), payload))
        {
        }

        Assert.That(pair.Writer.WaitToWrite(payload.Length, TimeSpan.FromMilliseconds(20)), Is.EqualTo(RingWaitResult.TimedOut));
    }

    private static int Flag(ChannelPair pair, long offset)
    {
        Span<byte> bytes = stackalloc byte[4];
        using var file = File.OpenHandle(pair.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        RandomAccess.Read(file, bytes, offset);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }
}
