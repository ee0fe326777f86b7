using DistSys.Runtime.Distribution;
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

    [Test]
    public async Task CallAsync_NodeAlreadyDown_FailsAtOnceWithNoConnectionNotItsTimeout()
    {
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var worker = cluster.Nodes[1];
        var silent = new Probe(worker.Runtime).Pid;
        await cluster.KillAsync(worker);
        await Eventually.True(() => cluster.Master.Members.All(m => m.Name != worker.Name || m.State is not (MemberState.Up or MemberState.Joining)),
            "the master saw the worker go");

        // Were the call sent into the void, it would end with Timeout after an hour; it ends now, with the reason.
        var error = Assert.ThrowsAsync<CallException>(() => cluster.Master.Runtime.CallAsync<int>(silent, 1, TimeSpan.FromHours(1)).WaitAsync(Eventually.Liveness));

        Assert.That(error!.Reason, Is.EqualTo(ExitReason.NoConnection));
    }
}
