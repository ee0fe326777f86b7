using System.IO.Pipelines;
using DistSys.Transport.Framing;
using DistSys.Transport.Handshake;
using DistSys.Transport.Messages;
using DistSys.Transport.Security;
using DistSys.Transport.Tests.Connections.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistSys.Transport.Tests.Handshake;

[TestFixture]
public sealed class ClusterHandshakeTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private static readonly ClusterCookie s_cookie = ClusterCookie.FromText("the-cluster-cookie");

    [Test]
    public async Task Handshake_SameCookie_BothSidesAcceptAndLearnThePeer()
    {
        var client = new HandshakeOptions("alpha", 11, s_cookie) { Capabilities = 0b1011 };
        var server = new HandshakeOptions("beta", 22, s_cookie) { Capabilities = 0b0110 };

        var (c, s) = await RunAsync(client, server);

        Assert.That(c.Outcome, Is.EqualTo(HandshakeOutcome.Accepted));
        Assert.That(s.Outcome, Is.EqualTo(HandshakeOutcome.Accepted));
        Assert.That(c.Peer, Is.EqualTo(new PeerInfo("beta", 22, 0b0010, ConnectionPreamble.CurrentVersion)));
        Assert.That(s.Peer, Is.EqualTo(new PeerInfo("alpha", 11, 0b0010, ConnectionPreamble.CurrentVersion)));
    }

    [Test]
    public async Task Handshake_WrongCookie_BothSidesRefuseWithAuth()
    {
        var client = new HandshakeOptions("alpha", 1, ClusterCookie.FromText("guess"));
        var server = new HandshakeOptions("beta", 2, s_cookie);

        var (c, s) = await RunAsync(client, server);

        // The client checks the server's proof first, finds it wrong and refuses; the server never acks.
        Assert.That(c.Outcome, Is.EqualTo(HandshakeOutcome.RefusedAuth));
        Assert.That(s.Outcome, Is.EqualTo(HandshakeOutcome.RefusedAuth));
        Assert.That(s.Peer, Is.Null);
    }

    [Test]
    public async Task Accept_ForgedClientProof_RefusesWithAuthAndNoAck()
    {
        var (a, b) = DuplexPipePair.Create();
        var server = ClusterHandshake.AcceptAsync(b, new HandshakeOptions("beta", 2, s_cookie), s_timeout, NullLogger.Instance);

        // A client without the cookie: it can say hello but can only guess the proof.
        await WriteAsync(a, new Hello("mallory", 1, 0, Bytes32.Random()), preamble: true);
        await ReadPreambleAndFrameAsync(a, FrameKind.Challenge);
        await WriteAsync(a, new ChallengeResponse(default));

        Assert.That((await Eventually.Within(server)).Outcome, Is.EqualTo(HandshakeOutcome.RefusedAuth));
        Assert.That(await ReadFrameKindAsync(a), Is.EqualTo(FrameKind.HandshakeRefused));
    }

    [Test]
    public async Task Accept_NoProofAtAll_IsNotAccepted()
    {
        var (a, b) = DuplexPipePair.Create();
        var server = ClusterHandshake.AcceptAsync(b, new HandshakeOptions("beta", 2, s_cookie), s_timeout, NullLogger.Instance);

        // No cookie, no response: the client skips the challenge and pretends the handshake is over.
        await WriteAsync(a, new Hello("mallory", 1, 0, Bytes32.Random()), preamble: true);
        await ReadPreambleAndFrameAsync(a, FrameKind.Challenge);
        await WriteAsync(a, default(HandshakeAck));

        Assert.That((await Eventually.Within(server)).Outcome, Is.EqualTo(HandshakeOutcome.ProtocolError));
    }

    [Test]
    public async Task Accept_GarbageFirstPacket_FailsWithoutAnsweringAnything()
    {
        var (a, b) = DuplexPipePair.Create();
        var server = ClusterHandshake.AcceptAsync(b, new HandshakeOptions("beta", 2, s_cookie), s_timeout, NullLogger.Instance);
        await a.Output.WriteAsync("\u0000\u00ffgarbage that is not a preamble"u8.ToArray());

        Assert.That((await Eventually.Within(server)).Outcome, Is.EqualTo(HandshakeOutcome.ProtocolError));
        await b.Output.CompleteAsync();
        var answer = await a.Input.ReadAsync();
        Assert.That(answer.Buffer.IsEmpty, Is.True, "a refusal of garbage reveals nothing");
    }

    [Test]
    public async Task Accept_SlowLorisTrickle_TimesOut()
    {
        var (a, b) = DuplexPipePair.Create();
        var server = ClusterHandshake.AcceptAsync(b, new HandshakeOptions("beta", 2, s_cookie), TimeSpan.FromMilliseconds(300), NullLogger.Instance);

        // A valid start, then nothing more: the whole-handshake deadline must cut it off.
        await a.Output.WriteAsync("DSY"u8.ToArray());

        Assert.That((await Eventually.Within(server)).Outcome, Is.EqualTo(HandshakeOutcome.Timeout));
    }

    [Test]
    public async Task Handshake_UnknownClientVersion_RefusedWithVersion()
    {
        var client = new HandshakeOptions("alpha", 1, s_cookie) { Version = 7, MinVersion = 7 };
        var server = new HandshakeOptions("beta", 2, s_cookie);

        var (c, s) = await RunAsync(client, server);

        Assert.That(s.Outcome, Is.EqualTo(HandshakeOutcome.RefusedVersion));
        Assert.That(c.Outcome, Is.EqualTo(HandshakeOutcome.RefusedVersion));
    }

    [Test]
    public async Task Handshake_ClientUsesServersOwnName_RefusedWithName()
    {
        var (c, s) = await RunAsync(new HandshakeOptions("beta", 1, s_cookie), new HandshakeOptions("beta", 2, s_cookie));

        Assert.That(s.Outcome, Is.EqualTo(HandshakeOutcome.RefusedName));
        Assert.That(c.Outcome, Is.EqualTo(HandshakeOutcome.RefusedName));
    }

    [Test]
    public async Task Connect_ServerClosesEarly_ReportsPeerClosed()
    {
        var (a, b) = DuplexPipePair.Create();
        var client = ClusterHandshake.ConnectAsync(a, new HandshakeOptions("alpha", 1, s_cookie), s_timeout, NullLogger.Instance);
        await b.Output.CompleteAsync();

        Assert.That((await Eventually.Within(client)).Outcome, Is.EqualTo(HandshakeOutcome.PeerClosed));
    }

    private static async Task<(HandshakeResult Client, HandshakeResult Server)> RunAsync(HandshakeOptions client, HandshakeOptions server)
    {
        var (a, b) = DuplexPipePair.Create();
        var accepting = ClusterHandshake.AcceptAsync(b, server, s_timeout, NullLogger.Instance);
        var connecting = ClusterHandshake.ConnectAsync(a, client, s_timeout, NullLogger.Instance);
        var s = await Eventually.Within(accepting);

        // A refusing server ends its side; closing it lets a client still waiting see the end.
        if (!s.IsAccepted)
        {
            await b.Output.CompleteAsync();
        }

        return (await Eventually.Within(connecting), s);
    }

    private static async Task WriteAsync<T>(IDuplexPipe pipe, T message, bool preamble = false)
        where T : struct, IWireMessage<T>
    {
        if (preamble)
        {
            ConnectionPreamble.Write(pipe.Output.GetSpan(ConnectionPreamble.Size));
            pipe.Output.Advance(ConnectionPreamble.Size);
        }

        SystemMessage.Write(pipe.Output, message);
        await pipe.Output.FlushAsync();
    }

    private static async Task ReadPreambleAndFrameAsync(IDuplexPipe pipe, FrameKind expected)
    {
        var result = await pipe.Input.ReadAsync();
        while (result.Buffer.Length < ConnectionPreamble.Size)
        {
            pipe.Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            result = await pipe.Input.ReadAsync();
        }

        pipe.Input.AdvanceTo(result.Buffer.GetPosition(ConnectionPreamble.Size));
        Assert.That(await ReadFrameKindAsync(pipe), Is.EqualTo(expected));
    }

    private static async Task<FrameKind> ReadFrameKindAsync(IDuplexPipe pipe)
    {
        while (true)
        {
            var result = await pipe.Input.ReadAsync();
            var buffer = result.Buffer;
            if (Frame.TryRead(ref buffer, 4096, out var frame))
            {
                pipe.Input.AdvanceTo(buffer.Start);
                return frame.Header.Kind;
            }

            pipe.Input.AdvanceTo(buffer.Start, buffer.End);
            Assert.That(result.IsCompleted, Is.False, "expected another frame");
        }
    }
}
