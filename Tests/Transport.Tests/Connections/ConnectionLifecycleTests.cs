using System.Buffers;
using DistSys.Transport.Connections;
using DistSys.Transport.Connections.Internal;
using DistSys.Transport.Framing;
using DistSys.Transport.Tests.Connections.Support;

namespace DistSys.Transport.Tests.Connections;

[TestFixture]
public sealed class ConnectionLifecycleTests : ConnectionFixture
{
    [Test]
    public async Task ReadLoop_FramesArrivingOneByteAtATime_AreAllParsed()
    {
        var (a, b) = DuplexPipePair.Create();
        var sink = new RecordingHandler();
        var connection = new Connection(b, sink, new ConnectionOptions { Pool = Pool });
        connection.Start();

        var bytes = new ArrayBufferWriter<byte>();
        for (var i = 0; i < 5; i++)
        {
            FrameWriter.Write(bytes, Header((ulong)i), new byte[i * 7]);
        }

        foreach (var b1 in bytes.WrittenSpan.ToArray())
        {
            await a.Output.WriteAsync(new[] { b1 });
        }

        await Eventually.True(() => sink.Count == 5, "five frames parsed");
        Assert.That(sink.Frames.Select(f => f.Payload.Length), Is.EqualTo(new[] { 0, 7, 14, 21, 28 }));
        await a.Output.CompleteAsync();
        Assert.That(await Eventually.Within(sink.Closed), Is.EqualTo(CloseReason.PeerClosed));
    }

    [Test]
    public async Task ReadLoop_PeerKilledMidFrame_ClosesWithTruncated()
    {
        var (rawClient, serverSocket) = await SocketPair.ConnectAsync();
        var sink = new RecordingHandler();
        var server = new Connection(new SocketDuplexPipe(serverSocket, new ConnectionOptions { Pool = Pool }).Start(), sink, new ConnectionOptions { Pool = Pool });
        server.Start();

        var frame = new byte[FrameHeader.Size + 100];
        Header(0).WithLength(100).Write(frame);
        await rawClient.SendAsync(frame.AsMemory(0, 60));
        rawClient.Close(0);

        Assert.That(await Eventually.Within(sink.Closed), Is.EqualTo(CloseReason.Truncated));
        Assert.That(server.CloseReason, Is.EqualTo(CloseReason.Truncated));
        Assert.That(server.ClosedWhile, Is.EqualTo(ConnectionState.Open));
        await Eventually.Within(server.Closed);
    }

    [Test]
    public async Task ReadLoop_MalformedHeader_ClosesWithProtocolErrorAndCountsIt()
    {
        var (a, b) = DuplexPipePair.Create();
        var sink = new RecordingHandler();
        var counters = new TransportCounters();
        var connection = new Connection(b, sink, new ConnectionOptions { Pool = Pool, Counters = counters });
        connection.Start();
        var garbage = new byte[FrameHeader.Size];
        garbage[4] = 250; // no such frame kind
        await a.Output.WriteAsync(garbage);

        Assert.That(await Eventually.Within(sink.Closed), Is.EqualTo(CloseReason.ProtocolError));
        Assert.That(sink.Count, Is.Zero);
        Assert.That(counters.Closed(CloseReason.ProtocolError), Is.EqualTo(1));
        Assert.That(counters.Closed(CloseReason.Local), Is.Zero);
    }

    [Test]
    public async Task ReadLoop_DeclaredLengthOverMaximum_ClosesBeforeBodyArrives()
    {
        var (a, b) = DuplexPipePair.Create();
        var sink = new RecordingHandler();
        var connection = new Connection(b, sink, new ConnectionOptions { Pool = Pool, MaxPayload = 1024 });
        connection.Start();
        var header = new byte[FrameHeader.Size];
        Header(0).WithLength(1025).Write(header);
        await a.Output.WriteAsync(header);

        Assert.That(await Eventually.Within(sink.Closed), Is.EqualTo(CloseReason.ProtocolError));
    }

    [Test]
    public async Task Shutdown_CalledTwice_KeepsFirstReason()
    {
        var (a, b) = DuplexPipePair.Create();
        var sink = new RecordingHandler();
        var connection = new Connection(b, sink, new ConnectionOptions { Pool = Pool });
        connection.Start();

        connection.Shutdown(CloseReason.Timeout);
        connection.Shutdown(CloseReason.Local);
        await Eventually.Within(connection.Closed);

        Assert.That(connection.CloseReason, Is.EqualTo(CloseReason.Timeout));
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Closed));
        Assert.That(await sink.Closed, Is.EqualTo(CloseReason.Timeout));
        await a.Output.CompleteAsync();
    }

    [Test]
    public async Task Shutdown_Local_StillWritesQueuedFrames()
    {
        var (a, b) = DuplexPipePair.Create();
        var sink = new RecordingHandler();
        var receiver = new Connection(a, sink, new ConnectionOptions { Pool = Pool });
        var sender = new Connection(b, new RecordingHandler(), new ConnectionOptions { Pool = Pool });
        for (var i = 0; i < 100; i++)
        {
            sender.TrySend(Header((ulong)i), new byte[8]);
        }

        sender.Start();
        sender.Shutdown(CloseReason.Local);
        receiver.Start();

        Assert.That(await Eventually.Within(sink.Closed), Is.EqualTo(CloseReason.PeerClosed));
        Assert.That(sink.Count, Is.EqualTo(100));
    }

    [Test]
    public async Task OnFrame_HandlerThrows_ClosesWithHandlerError()
    {
        var (a, b) = DuplexPipePair.Create();
        var handler = new RecordingHandler { OnEach = _ => throw new InvalidOperationException("boom") };
        var connection = new Connection(b, handler, new ConnectionOptions { Pool = Pool });
        connection.Start();
        var frame = new ArrayBufferWriter<byte>();
        FrameWriter.Write(frame, Header(0), default);
        await a.Output.WriteAsync(frame.WrittenMemory);

        Assert.That(await Eventually.Within(handler.Closed), Is.EqualTo(CloseReason.HandlerError));
    }

    [Test]
    public async Task Heartbeat_IdleButAliveConnection_StaysOpenPastIdleTimeout()
    {
        var options = new ConnectionOptions { Pool = Pool, HeartbeatInterval = TimeSpan.FromMilliseconds(40), IdleTimeout = TimeSpan.FromMilliseconds(400) };
        var (a, b) = await SocketPair.PipesAsync(options);
        var left = new Connection(a, new RecordingHandler(), options);
        var right = new Connection(b, new RecordingHandler(), options);
        left.Start();
        right.Start();

        // Nothing but heartbeats flows; several idle timeouts' worth of them must arrive with both ends open.
        await Eventually.True(() => left.FramesReceived >= 30 && right.FramesReceived >= 30, "heartbeats exchanged");
        Assert.That(left.State, Is.EqualTo(ConnectionState.Open));
        Assert.That(right.State, Is.EqualTo(ConnectionState.Open));
        await CloseAsync(left, right);
    }

    [Test]
    public async Task Heartbeat_SilentPeer_ClosesWithTimeout()
    {
        var (a, b) = DuplexPipePair.Create();
        var sink = new RecordingHandler();
        var options = new ConnectionOptions { Pool = Pool, HeartbeatInterval = TimeSpan.FromMilliseconds(20), IdleTimeout = TimeSpan.FromMilliseconds(200) };
        var connection = new Connection(b, sink, options);
        connection.Start();

        Assert.That(await Eventually.Within(sink.Closed), Is.EqualTo(CloseReason.Timeout));
        Assert.That(connection.ClosedWhile, Is.EqualTo(ConnectionState.Open));

        // It was not silent itself: heartbeats went out while it waited.
        var sent = await a.Input.ReadAsync();
        Assert.That(sent.Buffer.Length, Is.GreaterThanOrEqualTo(FrameHeader.Size));
        Assert.That((FrameKind)sent.Buffer.FirstSpan[4], Is.EqualTo(FrameKind.Heartbeat));
        a.Input.AdvanceTo(sent.Buffer.End);
    }
}
