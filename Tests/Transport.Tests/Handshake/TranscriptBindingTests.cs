using System.Net;
using System.Net.Sockets;
using DistSys.Transport.Connections;
using DistSys.Transport.Connections.Internal;
using DistSys.Transport.Framing;
using DistSys.Transport.Handshake;
using DistSys.Transport.Security;
using DistSys.Transport.Tests.Connections.Support;

namespace DistSys.Transport.Tests.Handshake;

/// <summary>
/// A relay between two nodes that both hold the cookie (issue 12: it rewrote incarnations and both sides
/// accepted): the proofs cover the whole transcript, so any rewritten byte of either opening message is
/// refused by both sides, while an honest relay changes nothing.
/// </summary>
[TestFixture]
public sealed class TranscriptBindingTests : ConnectionFixture
{
    private const string ClientName = "client";
    private const string ServerName = "server";
    private static readonly ClusterCookie s_cookie = ClusterCookie.FromText("relay-cookie");

    // Preamble, frame header, the name's one-byte length and its bytes; the incarnation (u64 LE) follows.
    private static readonly long s_helloIncarnation = ConnectionPreamble.Size + FrameHeader.Size + 1 + ClientName.Length;
    private static readonly long s_challengeIncarnation = ConnectionPreamble.Size + FrameHeader.Size + 1 + ServerName.Length;
    private static readonly long s_helloCapabilities = s_helloIncarnation + sizeof(ulong);

    [Test]
    public async Task Relay_Untouched_BothSidesAccept()
    {
        var (client, server) = await HandshakeThroughRelayAsync(upstream: -1, downstream: -1);

        Assert.That(client.Outcome, Is.EqualTo(HandshakeOutcome.Accepted));
        Assert.That(server.Outcome, Is.EqualTo(HandshakeOutcome.Accepted));
    }

    [Test]
    public async Task Relay_RewritesHelloIncarnation_RefusedOnBothSides()
    {
        var (client, server) = await HandshakeThroughRelayAsync(upstream: s_helloIncarnation, downstream: -1);

        Assert.That(client.Outcome, Is.EqualTo(HandshakeOutcome.RefusedAuth));
        Assert.That(server.Outcome, Is.EqualTo(HandshakeOutcome.RefusedAuth));
    }

    [Test]
    public async Task Relay_RewritesHelloCapabilities_RefusedOnBothSides()
    {
        var (client, server) = await HandshakeThroughRelayAsync(upstream: s_helloCapabilities, downstream: -1);

        Assert.That(client.Outcome, Is.EqualTo(HandshakeOutcome.RefusedAuth));
        Assert.That(server.Outcome, Is.EqualTo(HandshakeOutcome.RefusedAuth));
    }

    [Test]
    public async Task Relay_RewritesChallengeIncarnation_RefusedOnBothSides()
    {
        var (client, server) = await HandshakeThroughRelayAsync(upstream: -1, downstream: s_challengeIncarnation);

        Assert.That(client.Outcome, Is.EqualTo(HandshakeOutcome.RefusedAuth));
        Assert.That(server.Outcome, Is.Not.EqualTo(HandshakeOutcome.Accepted));
    }

    private async Task<(HandshakeResult Client, HandshakeResult Server)> HandshakeThroughRelayAsync(long upstream, long downstream)
    {
        var options = Options();
        var acceptor = new ClusterAcceptor(new HandshakeOptions(ServerName, 1111, s_cookie) { Capabilities = 0b0110 }, new RecordingHandler(), options);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var accepting = AcceptOneAsync(listener, acceptor, options);
        await using var relay = new TamperingRelay((IPEndPoint)listener.LocalEndPoint!, upstream, downstream).Start();

        var connector = new ClusterConnector(new HandshakeOptions(ClientName, 2222, s_cookie) { Capabilities = 0b0011 }, new RecordingHandler(), options) { MaxAttempts = 1 };
        var (client, clientConnection) = await Eventually.Within(connector.ConnectAsync(relay.EndPoint));
        var (server, serverConnection) = await Eventually.Within(accepting);
        foreach (var connection in new[] { clientConnection, serverConnection })
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
                await Eventually.Within(connection.Closed);
            }
        }

        return (client, server);
    }

    private static async Task<(HandshakeResult Result, Connection? Connection)> AcceptOneAsync(Socket listener, ClusterAcceptor acceptor, ConnectionOptions options)
    {
        var socket = await listener.AcceptAsync();
        return await acceptor.AcceptAsync(new SocketDuplexPipe(socket, options).Start());
    }
}
