using System.Net;
using DistSys.Runtime.Distribution;

namespace DistSys.Runtime.Tests.Distribution;

public sealed class ClusterNodeOptionsTests
{
    [Test]
    public void StartAsync_WorkerWithoutMaster_ThrowsNamingTheSetting()
    {
        var options = new ClusterNodeOptions { Name = "w", Role = NodeRole.Worker, Port = 9000 };

        var error = Assert.ThrowsAsync<ArgumentException>(() => ClusterNode.StartAsync(options));

        Assert.That(error!.Message, Does.Contain("MasterHost"));
    }

    [Test]
    public void StartAsync_NoPortAndNoListener_ThrowsNamingThePort()
    {
        var options = new ClusterNodeOptions { Name = "m", Role = NodeRole.Master };

        var error = Assert.ThrowsAsync<ArgumentException>(() => ClusterNode.StartAsync(options));

        Assert.That(error!.ParamName, Is.EqualTo("Port"));
    }

    [Test]
    public void StartAsync_FailureTimeoutNotAboveHeartbeat_Throws()
    {
        var options = new ClusterNodeOptions
        {
            Name = "m",
            Role = NodeRole.Master,
            ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            FailureTimeout = TimeSpan.FromSeconds(1),
        };

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ClusterNode.StartAsync(options));
    }

    [Test]
    public async Task StartAsync_Defaults_DetectFailureWithinOneSecond()
    {
        var options = new ClusterNodeOptions { Name = "m", Role = NodeRole.Master, Port = 1 };

        // The idle check runs every half heartbeat, so a silent peer is declared down at most then.
        Assert.That(options.FailureTimeout + (options.HeartbeatInterval / 2), Is.LessThanOrEqualTo(TimeSpan.FromSeconds(1)));
        await using var node = await ClusterNode.StartAsync(options with { Cookie = Support.TestCluster.Cookie });
        Assert.That(node.NodeId, Is.Not.Zero);
        Assert.That(node.Members.Single().Name, Is.EqualTo("m"));
    }
}
