using System.Buffers.Binary;
using System.IO.Pipelines;
using DistSys.Memory;
using DistSys.Transport.Connections;
using System.Buffers;
using DistSys.Transport.Tests.Connections.Support;

namespace DistSys.Transport.Tests.Connections;

[TestFixture]
public sealed class ConnectionBackpressureTests : ConnectionFixture
{
    [Test]
    public async Task TrySend_PeerNotReading_ReturnsFullInsteadOfGrowing()
    {
        var (a, b) = DuplexPipePair.Create(new PipeOptions(Pool, pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024));
        var options = new ConnectionOptions { Pool = Pool, OutboundQueueBytes = 64 * 1024 };
        var sender = new Connection(a, new RecordingHandler(), options);
        sender.Start();

        var payload = new byte[1024];
        var queued = 0;
        int FillUntilFull()
        {
            var added = 0;
            while (sender.TrySend(Header((ulong)queued), payload) == SendResult.Queued)
            {
                queued++;
                added++;
                Assert.That(queued, Is.LessThan(10_000), "the outbound buffer must be bounded");
            }

            return added;
        }

        // The writer loop keeps moving frames from the queue into the pipe until the pipe pauses, so
        // the queue is full for good only once a fill adds nothing and no frame moved meanwhile.
        var lastSent = -1L;
        await Eventually.True(
            () =>
            {
                var sent = sender.FramesSent;
                var stable = FillUntilFull() == 0 && sent == lastSent;
                lastSent = sent;
                return stable;
            },
            "the outbound queue and the pipe stay full");

        // Nothing reads the other end: a SendAsync must soon wait, and stay pending until a reader
        // appears. A writer loop slowed by a loaded machine may still free a slot or two after the
        // queue looked stable, so the sends that complete at once are counted, within the same bound.
        Task<SendResult> waiting;
        while ((waiting = sender.SendAsync(Header((ulong)queued), payload).AsTask()).IsCompleted)
        {
            Assert.That(waiting.Result, Is.EqualTo(SendResult.Queued));
            queued++;
            Assert.That(queued, Is.LessThan(10_000), "the outbound buffer must be bounded");
        }

        var sink = new RecordingHandler { Keep = false };
        var receiver = new Connection(b, sink, options);
        receiver.Start();
        Assert.That(await Eventually.Within(waiting), Is.EqualTo(SendResult.Queued));
        await Eventually.True(() => sink.Count == queued + 1, "every queued frame delivered");

        await CloseAsync(sender, receiver);
    }

    [Test]
    public async Task SendAsync_MillionFramesThroughSlowReader_ArriveInOrderWithBoundedPoolMemory()
    {
        const int count = 1_000_000;
        const int stallEvery = 250_000;
        var blockPool = new BlockMemoryPool();
        var pool = new DiagnosticMemoryPool(blockPool);
        var options = new ConnectionOptions { Pool = pool, PauseWriterThreshold = 256 * 1024, ResumeWriterThreshold = 128 * 1024, SegmentSize = 16 * 1024 };
        var (a, b) = await SocketPair.PipesAsync(options);

        using var readerStalled = new SemaphoreSlim(0);
        using var releaseReader = new SemaphoreSlim(0);
        long expected = 0;
        long outOfOrder = 0;
        var sink = new RecordingHandler
        {
            Keep = false,
            OnEach = frame =>
            {
                Span<byte> seq = stackalloc byte[8];
                frame.Payload.Slice(0, 8).CopyTo(seq);
                if (BinaryPrimitives.ReadInt64LittleEndian(seq) != expected)
                {
                    outOfOrder++;
                }

                // The deliberately slow reader: it stops dead every stallEvery frames until the test has
                // seen the sender held back, then goes on. It stalls only while at least half the
                // frames (24 MB) are still to come: loopback socket buffers autotune to several MB, and
                // a smaller remainder could fit in them entirely, so the sender would never wait.
                if (++expected % stallEvery == 0 && expected <= count / 2)
                {
                    readerStalled.Release();
                    releaseReader.Wait();
                }
            },
        };
        var sender = new Connection(a, new RecordingHandler(), options);
        var receiver = new Connection(b, sink, options);
        sender.Start();
        receiver.Start();

        var senderWaiting = 0;
        var sending = Task.Run(async () =>
        {
            var payload = new byte[16];
            for (long i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(payload, i);
                var send = sender.SendAsync(Header(0), payload);
                if (!send.IsCompleted)
                {
                    Volatile.Write(ref senderWaiting, 1);
                }

                Assert.That(await send, Is.EqualTo(SendResult.Queued));
                Volatile.Write(ref senderWaiting, 0);
            }
        });

        for (var round = 1; round <= count / 2 / stallEvery; round++)
        {
            Assert.That(await readerStalled.WaitAsync(Eventually.Liveness), Is.True, "the reader reached its stall");
            await Eventually.True(() => Volatile.Read(ref senderWaiting) == 1, $"sender held back while the reader is stalled (round {round})");
            releaseReader.Release();
        }

        await Eventually.Within(sending);
        await Eventually.True(() => sink.Count == count, "all frames received");
        Assert.That(Interlocked.Read(ref outOfOrder), Is.Zero);

        // 48 MB went through; the pipes may hold a few pause thresholds of segments at most.
        var peak = blockPool.GetStatistics().PeakPoolBytes;
        Assert.That(peak, Is.LessThan(8 * 1024 * 1024), $"pool peak {peak} bytes");

        await CloseAsync(sender, receiver);
        await TestPools.AssertNoLeaksAsync(pool);
    }
}
