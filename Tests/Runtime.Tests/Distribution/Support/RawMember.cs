using System.Net;
using DistSys.Transport.Connections;
using DistSys.Transport.Framing;
using DistSys.Transport.Handshake;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Tests.Distribution.Support;

/// <summary>
/// A hand-made cluster member: it completes the handshake and introduces itself, then sends only what a
/// test writes and ignores what it receives. Its own heartbeat is an hour away, so it can play a node that
/// went silent with its socket open, or a peer sending hostile frames.
/// </summary>
internal static class RawMember
{
    public static async Task<Connection> ConnectAsync(IPEndPoint node, string name, ulong incarnation)
    {
        var options = new ConnectionOptions { HeartbeatInterval = TimeSpan.FromHours(1), IdleTimeout = TimeSpan.FromHours(2) };
        var connector = new ClusterConnector(new HandshakeOptions(name, incarnation, TestCluster.Cookie), new IgnoreFrames(), options);
        var (result, connection) = await connector.ConnectAsync(node);
        Assert.That(result.Outcome, Is.EqualTo(HandshakeOutcome.Accepted));
        var introduction = new MembershipUpdate(0, [new MemberInfo(name, "127.0.0.1", 1, incarnation, MemberStatus.Up, MemberRole.Worker)]);
        Assert.That(connection!.TrySend(new FrameHeader(FrameKind.Membership, FrameFlags.Raw, 0, 0, 0), introduction), Is.EqualTo(SendResult.Queued));
        return connection;
    }

    private sealed class IgnoreFrames : IFrameHandler
    {
        public void OnFrame(in Frame frame, Connection connection)
        {
        }

        public void OnClosed(Connection connection, CloseReason reason)
        {
        }
    }
}
