using System.Buffers.Binary;
using DistSys.Transport.Connections;
using DistSys.Transport.Framing;
using DistSys.Transport.Tests.Connections.Support;

namespace DistSys.Transport.Tests.Connections;

[TestFixture]
public sealed class ConnectionTests : ConnectionFixture
{
    [Test]
    public async Task TrySend_ManyFramesOverSockets_ArriveCompleteAndInOrder()
    {
        var (client, server, sink) = await StartPairAsync();
        const int count = 10_000;
        var payload = new byte[100];
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(payload, i);
            var result = await client.SendAsync(Header((ulong)i), payload);
            Assert.That(result, Is.EqualTo(SendResult.Queued));
        }

        await Eventually.True(() => sink.Count == count, "all frames received");
        var expected = 0UL;
        foreach (var (header, body) in sink.Frames)
        {
            Assert.That(header.Correlation, Is.EqualTo(expected));
            Assert.That(BinaryPrimitives.ReadInt32LittleEndian(body), Is.EqualTo((int)expected));
            Assert.That(body, Has.Length.EqualTo(100));
            expected++;
        }

        await CloseAsync(client, server);
    }

    [Test]
    public async Task TrySend_ConcurrentSenders_EachSendersFramesStayInOrder()
    {
        var (client, server, sink) = await StartPairAsync();
        const int senders = 4;
        const int perSender = 20_000;
        var tasks = Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < perSender; i++)
            {
                await client.SendAsync(new FrameHeader(FrameKind.Message, FrameFlags.Raw, (ulong)s, 0, (ulong)i), ReadOnlyMemory<byte>.Empty);
            }
        }));
        await Eventually.Within(Task.WhenAll(tasks));
        await Eventually.True(() => sink.Count == senders * perSender, "all frames received");

        var next = new ulong[senders];
        foreach (var (header, _) in sink.Frames)
        {
            Assert.That(header.Correlation, Is.EqualTo(next[header.Target]), $"sender {header.Target} out of order");
            next[header.Target]++;
        }

        Assert.That(client.Flushes, Is.LessThanOrEqualTo(client.FramesSent));
        await CloseAsync(client, server);
    }

    [Test]
    public async Task Start_FramesQueuedBeforehand_AreCoalescedIntoOneFlush()
    {
        var (a, b) = DuplexPipePair.Create();
        var sink = new RecordingHandler();
        var client = new Connection(a, new RecordingHandler(), Options());
        var server = new Connection(b, sink, Options());
        for (var i = 0; i < 1000; i++)
        {
            Assert.That(client.TrySend(Header((ulong)i), new byte[32]), Is.EqualTo(SendResult.Queued));
        }

        server.Start();
        client.Start();
        await Eventually.True(() => sink.Count == 1000, "frames received");
        Assert.That(client.Flushes, Is.EqualTo(1), "1000 frames queued before the writer ran go out in one flush");
        Assert.That(client.FramesSent, Is.EqualTo(1000));
        await CloseAsync(client, server);
    }

    [Test]
    public async Task TrySend_FrameLargerThanInlineRecord_ArrivesInOrderWithSmallOnes()
    {
        var (client, server, sink) = await StartPairAsync();
        var big = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(big);
        await client.SendAsync(Header(0), new byte[] { 1 });
        await client.SendAsync(Header(1), big);
        await client.SendAsync(Header(2), new byte[] { 2 });

        await Eventually.True(() => sink.Count == 3, "three frames received");
        var frames = sink.Frames.ToArray();
        Assert.That(frames.Select(f => f.Header.Correlation), Is.EqualTo(new ulong[] { 0, 1, 2 }));
        Assert.That(frames[1].Payload, Is.EqualTo(big));
        await CloseAsync(client, server);
    }

    [Test]
    public async Task TrySend_PayloadOverMaximum_ReturnsTooLarge()
    {
        var (a, _) = DuplexPipePair.Create();
        var connection = new Connection(a, new RecordingHandler(), new ConnectionOptions { Pool = Pool, MaxPayload = 1024 });
        Assert.That(connection.TrySend(Header(0), new byte[1025]), Is.EqualTo(SendResult.TooLarge));
        connection.Shutdown(CloseReason.Local);
        await Eventually.Within(connection.Closed);
    }

    [Test]
    public async Task TrySend_AfterShutdown_ReturnsClosed()
    {
        var (client, server, _) = await StartPairAsync();
        client.Shutdown(CloseReason.Local);
        Assert.That(client.TrySend(Header(0), default), Is.EqualTo(SendResult.Closed));
        await CloseAsync(client, server);
    }
}
