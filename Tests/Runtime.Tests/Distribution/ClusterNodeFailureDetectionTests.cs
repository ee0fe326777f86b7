using System.Diagnostics;
using DistSys.Runtime.Distribution;
using DistSys.Runtime.Tests.Distribution.Support;
using DistSys.Runtime.Tests.Support;

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
        await using var silent = await RawMember.ConnectAsync(cluster.Master.ListenEndPoint!, "silent", 7);
        Assert.That(await watcher.ExpectAsync<NodeUp>(), Is.EqualTo(new NodeUp("silent")));
        var clock = Stopwatch.StartNew();

        var down = await watcher.ExpectAsync<NodeDown>();

        Assert.That(down, Is.EqualTo(new NodeDown("silent", NodeDownReason.HeartbeatTimeout)));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "liveness bound");
        TestContext.Out.WriteLine($"silent node declared down after {clock.Elapsed.TotalMilliseconds:F0} ms (timeout 600 ms)");
        Assert.That(cluster.Master.Members.Single(m => m.Name == "silent").State, Is.EqualTo(MemberState.Down));
    }
}
