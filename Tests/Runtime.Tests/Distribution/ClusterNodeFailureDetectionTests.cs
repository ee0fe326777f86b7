using System.Diagnostics;
using System.Net;
using DistSys.Runtime.Distribution;
using DistSys.Runtime.Tests.Distribution.Support;
using DistSys.Runtime.Tests.Support;
using DistSys.Transport.Connections;
using DistSys.Transport.Framing;
using DistSys.Transport.Handshake;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Tests.Distribution;

public sealed class ClusterNodeFailureDetectionTests
{
    [Test]
    public async Task FailureTimeout_PeerGoesSilentWithItsSocketOpen_DeclaredDownByHeartbeatTimeout()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 0, o => o with
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            FailureTimeout = TimeSpan.FromMilliseconds(600),
        });
        var watcher = new Probe(cluster.Master.Runtime);
        cluster.Master.MonitorNodes(watcher.Pid);

        // A hand-made member that completes the handshake, introduces itself, then never sends again
        // (its own heartbeat is an hour away): like a SIGSTOPped node, its socket stays open.
        await using var silent = await ConnectSilentAsync(cluster.Master.ListenEndPoint!);
        Assert.That(await watcher.ExpectAsync<NodeUp>(), Is.EqualTo(new NodeUp("silent")));
        var clock = Stopwatch.StartNew();

        var down = await watcher.ExpectAsync<NodeDown>();

        Assert.That(down, Is.EqualTo(new NodeDown("silent", NodeDownReason.HeartbeatTimeout)));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "liveness bound");
        TestContext.Out.WriteLine($"silent node declared down after {clock.Elapsed.TotalMilliseconds:F0} ms (timeout 600 ms)");
        Assert.That(cluster.Master.Members.Single(m => m.Name == "silent").State, Is.EqualTo(MemberState.Down));
    }

    private static async Task<Connection> ConnectSilentAsync(IPEndPoint master)
    {
        var options = new ConnectionOptions { HeartbeatInterval = TimeSpan.FromHours(1), IdleTimeout = TimeSpan.FromHours(2) };
        var connector = new ClusterConnector(new HandshakeOptions("silent", 7, TestCluster.Cookie), new IgnoreFrames(), options);
        var (result, connection) = await connector.ConnectAsync(master);
        Assert.That(result.Outcome, Is.EqualTo(HandshakeOutcome.Accepted));
        var introduction = new MembershipUpdate(0, [new MemberInfo("silent", "127.0.0.1", 1, 7, MemberStatus.Up, MemberRole.Worker)]);
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
