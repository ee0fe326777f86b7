using DistSys.Runtime.Tests.Distribution.Support;
using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests.Distribution;

public sealed class ClusterNodeCallTests
{
    [Test]
    public async Task CallAsync_RemoteGenServerLikeProcess_ReturnsItsReply()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var doubler = cluster.Nodes[1].Runtime.Spawn((_, message) =>
        {
            if (message is CallRequest { Request: int value } call)
            {
                call.Reply(value * 2);
            }
        });

        var reply = await cluster.Master.Runtime.CallAsync<int>(doubler, 21, TimeSpan.FromSeconds(10));

        Assert.That(reply, Is.EqualTo(42));
    }

    [Test]
    public async Task CallAsync_RemoteProcessNeverAnswers_TimesOut()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var silent = new Probe(cluster.Nodes[1].Runtime).Pid;

        var error = Assert.ThrowsAsync<CallException>(() => cluster.Master.Runtime.CallAsync<int>(silent, 1, TimeSpan.FromMilliseconds(200)));

        Assert.That(error!.Reason, Is.EqualTo(ExitReason.Timeout));
    }

    [Test]
    public async Task CallAsync_RemoteProcessDiesBeforeAnswering_FailsWithItsReason()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var dying = cluster.Nodes[1].Runtime.Spawn((context, message) => context.Stop(ExitReason.Custom("crashed")));

        var error = Assert.ThrowsAsync<CallException>(() => cluster.Master.Runtime.CallAsync<int>(dying, 1, TimeSpan.FromSeconds(20)));

        Assert.That(error!.Reason, Is.EqualTo(ExitReason.Custom("crashed")));
    }

    [Test]
    public async Task CallAsync_TargetNodeKilledDuringCall_FailsWithNoConnection()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var silent = new Probe(cluster.Nodes[1].Runtime).Pid;
        var call = cluster.Master.Runtime.CallAsync<int>(silent, 1, TimeSpan.FromSeconds(20));

        await cluster.KillAsync(cluster.Nodes[1]);

        var error = Assert.ThrowsAsync<CallException>(() => call);
        Assert.That(error!.Reason, Is.EqualTo(ExitReason.NoConnection));
    }
}
