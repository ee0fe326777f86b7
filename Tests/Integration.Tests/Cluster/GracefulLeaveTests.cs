using DistSys.Integration.Tests.Support;

namespace DistSys.Integration.Tests.Cluster;

/// <summary>
/// A worker stopped with SIGTERM or Ctrl-C leaves: it exits 0 and its peers record it as left, not failed.
/// The cluster uses the tolerant detector: on a loaded machine the default one can report a false down
/// before the signal is sent, and that would be mistaken for the departure.
/// </summary>
[TestFixture]
public sealed class GracefulLeaveTests
{
    private TestCluster _cluster = null!;

    [SetUp]
    public void SetUp() => _cluster = new TestCluster();

    [TearDown]
    public async Task TearDown() => await _cluster.DisposeAsync();

    [TestCase("SIGTERM")]
    [TestCase("SIGINT")]
    public async Task StopSignal_Worker_ExitsZeroAndPeersRecordItLeftNotFailed(string signal)
    {
        var master = _cluster.StartMaster();
        var worker1 = _cluster.StartWorker("worker1");
        await TestCluster.WhenHealthyAsync(master, worker1);
        await TestCluster.WhenEveryoneSeesAsync(_cluster.Nodes, "master", "worker1");
        await master.SendJsonAsync(HttpMethod.Post, "/debug/watch/worker1");

        if (signal == "SIGINT")
        {
            worker1.Interrupt();
        }
        else
        {
            worker1.Terminate();
        }

        Assert.That(await worker1.WaitForExitAsync(), Is.Zero, worker1.Output);
        var nodeDown = await NodeFailureTests.WaitForEventAsync(master, "nodedown", null);
        var member = await TestCluster.MemberAsync(master, "worker1");
        Assert.Multiple(() =>
        {
            Assert.That(nodeDown.GetProperty("reason").GetString(), Is.EqualTo("left"));
            Assert.That(member?.GetProperty("status").GetString(), Is.Not.EqualTo("down"));
            Assert.That(worker1.Output, Does.Contain($"received {signal}").And.Contain("'worker1' stopped"));
        });
    }

}
