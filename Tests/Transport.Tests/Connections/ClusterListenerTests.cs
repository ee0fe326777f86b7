using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DistSys.Transport.Connections;
using DistSys.Transport.Handshake;
using DistSys.Transport.Security;
using DistSys.Transport.Tests.Connections.Support;

namespace DistSys.Transport.Tests.Connections;

[TestFixture]
public sealed class ClusterListenerTests : ConnectionFixture
{
    private static readonly ClusterCookie s_cookie = ClusterCookie.FromText("listener-cookie");
    [Test]
    public async Task Connect_ClusterPeer_AuthenticatesAndCarriesFrames()
    {
        var sink = new RecordingHandler();
        var acceptor = new ClusterAcceptor(new HandshakeOptions("server", 1, s_cookie), sink, Options());
        var accepted = new TaskCompletionSource<Connection>(TaskCreationOptions.RunContinuationsAsynchronously);
        acceptor.Connected += c => accepted.TrySetResult(c);
        await using var listener = new ClusterListener(new IPEndPoint(IPAddress.Loopback, 0), acceptor).Start();

        var connector = new ClusterConnector(new HandshakeOptions("client", 2, s_cookie), new RecordingHandler(), Options());
        var (result, client) = await Eventually.Within(connector.ConnectAsync(listener.EndPoint));

        Assert.That(result.Outcome, Is.EqualTo(HandshakeOutcome.Accepted));
        Assert.That(client!.Peer!.Name, Is.EqualTo("server"));
        var server = await Eventually.Within(accepted.Task);
        Assert.That(server.Peer!.Name, Is.EqualTo("client"));

        await client.SendAsync(Header(5), "hello"u8.ToArray());
        await Eventually.True(() => sink.Count == 1, "frame delivered after the handshake");
        Assert.That(sink.Frames.Single().Payload, Is.EqualTo("hello"u8.ToArray()));
        await CloseAsync(client, server);
    }

    [Test]
    public async Task Accept_HttpRequest_HandedToForeignHandlerWithFirstBytesIntact()
    {
        var foreign = new EchoHttpHandler();
        var acceptor = new ClusterAcceptor(new HandshakeOptions("server", 1, s_cookie), new RecordingHandler(), Options());
        await using var listener = new ClusterListener(new IPEndPoint(IPAddress.Loopback, 0), acceptor, foreign).Start();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(listener.EndPoint);
        const string request = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));

        Assert.That(await Eventually.Within(foreign.Received), Is.EqualTo(request));
        var reply = new byte[256];
        var n = await socket.ReceiveAsync(reply);
        Assert.That(Encoding.ASCII.GetString(reply, 0, n), Does.StartWith("HTTP/1.1 200 OK"));
    }

    [Test]
    public async Task Accept_GarbageWithoutForeignHandler_ClosesSocketWithoutAnswer()
    {
        var acceptor = new ClusterAcceptor(new HandshakeOptions("server", 1, s_cookie), new RecordingHandler(), Options());
        await using var listener = new ClusterListener(new IPEndPoint(IPAddress.Loopback, 0), acceptor).Start();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(listener.EndPoint);
        await socket.SendAsync("\u0001\u0002garbage"u8.ToArray());

        var n = await Eventually.Within(socket.ReceiveAsync(new byte[64]));
        Assert.That(n, Is.Zero, "closed, nothing revealed");
    }

    [Test]
    public async Task Accept_SilentConnection_ClosedAfterHandshakeTimeout()
    {
        var acceptor = new ClusterAcceptor(new HandshakeOptions("server", 1, s_cookie), new RecordingHandler(),
            new ConnectionOptions { Pool = Pool, HandshakeTimeout = TimeSpan.FromMilliseconds(200) });
        await using var listener = new ClusterListener(new IPEndPoint(IPAddress.Loopback, 0), acceptor).Start();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(listener.EndPoint);

        var n = await Eventually.Within(socket.ReceiveAsync(new byte[64]));
        Assert.That(n, Is.Zero);
    }

    [Test]
    public async Task Connect_WrongCookie_ReturnsRefusedAuthWithoutRetryingAndCountsIt()
    {
        var serverCounters = new TransportCounters();
        var clientCounters = new TransportCounters();
        var acceptor = new ClusterAcceptor(new HandshakeOptions("server", 1, s_cookie), new RecordingHandler(), new ConnectionOptions { Pool = Pool, Counters = serverCounters });
        await using var listener = new ClusterListener(new IPEndPoint(IPAddress.Loopback, 0), acceptor).Start();
        var connector = new ClusterConnector(
            new HandshakeOptions("client", 2, ClusterCookie.FromText("wrong")), new RecordingHandler(), new ConnectionOptions { Pool = Pool, Counters = clientCounters });

        var (result, connection) = await Eventually.Within(connector.ConnectAsync(listener.EndPoint));

        Assert.That(result.Outcome, Is.EqualTo(HandshakeOutcome.RefusedAuth));
        Assert.That(connection, Is.Null);
        Assert.That(clientCounters.Handshakes(HandshakeOutcome.RefusedAuth), Is.EqualTo(1));
        await Eventually.True(() => serverCounters.Handshakes(HandshakeOutcome.RefusedAuth) == 1, "the server counted the refusal");
        Assert.That(serverCounters.Handshakes(HandshakeOutcome.Accepted), Is.Zero);
    }

    [Test]
    public async Task Connect_NothingListening_RetriesWithBackoffThenGivesUp()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closedPort = (IPEndPoint)probe.LocalEndPoint!;
        var attempts = new BackoffPolicy(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));
        var connector = new ClusterConnector(new HandshakeOptions("client", 2, s_cookie), new RecordingHandler(), Options(), attempts) { MaxAttempts = 3 };

        var (result, connection) = await Eventually.Within(connector.ConnectAsync(closedPort));

        Assert.That(result.Outcome, Is.EqualTo(HandshakeOutcome.PeerClosed));
        Assert.That(connection, Is.Null);
    }

    [Test]
    public void Connect_Cancelled_StopsRetrying()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var connector = new ClusterConnector(new HandshakeOptions("client", 2, s_cookie), new RecordingHandler(), Options(),
            new BackoffPolicy(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20)));
        using var cancel = new CancellationTokenSource();
        var connecting = connector.ConnectAsync(probe.LocalEndPoint!, cancel.Token);
        cancel.Cancel();

        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () => await Eventually.Within(connecting));
    }

    private sealed class EchoHttpHandler : IForeignConnectionHandler
    {
        private readonly TaskCompletionSource<string> _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Received => _received.Task;

        public async Task HandleAsync(IDuplexPipe transport, EndPoint? remote, CancellationToken cancellationToken)
        {
            while (true)
            {
                var result = await transport.Input.ReadAsync(cancellationToken);
                var text = Encoding.ASCII.GetString(result.Buffer.ToArray());
                if (text.EndsWith("\r\n\r\n", StringComparison.Ordinal))
                {
                    transport.Input.AdvanceTo(result.Buffer.End);
                    _received.TrySetResult(text);
                    await transport.Output.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), cancellationToken);
                    return;
                }

                transport.Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
        }
    }
}
