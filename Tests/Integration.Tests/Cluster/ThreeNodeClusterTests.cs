using DistSys.Integration.Tests.Support;

namespace DistSys.Integration.Tests.Cluster;

/// <summary>
/// The seed's usage lines for real: a master and two workers, each its own OS process, form one cluster;
/// processes are spawned and called across nodes and a global name registered on one worker is resolved
/// from the other. These checks change nothing, so the three nodes are started once for the fixture.
/// </summary>
[TestFixture]
public sealed class ThreeNodeClusterTests
{
    private TestCluster _cluster = null!;
    private NodeProcess _master = null!;
    private NodeProcess _worker1 = null!;
    private NodeProcess _worker2 = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        _cluster = new TestCluster();
        _master = _cluster.StartMaster();
        _worker1 = _cluster.StartWorker("worker1");
        _worker2 = _cluster.StartWorker("worker2");
        await TestCluster.WhenHealthyAsync(_master, _worker1, _worker2);
        await TestCluster.WhenEveryoneSeesAsync(_cluster.Nodes, "master", "worker1", "worker2");
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task ApiCluster_MasterAndTwoWorkers_EveryNodeSeesThreeUpWithAddressesAndRoles()
    {
        foreach (var node in _cluster.Nodes)
        {
            var worker2 = await TestCluster.MemberAsync(node, "worker2");
            var master = await TestCluster.MemberAsync(node, "master");

            Assert.Multiple(() =>
            {
                Assert.That(worker2?.GetProperty("address").GetString(), Is.EqualTo($"127.0.0.1:{_worker2.Port}"), node.Name);
                Assert.That(worker2?.GetProperty("role").GetString(), Is.EqualTo("worker"), node.Name);
                Assert.That(master?.GetProperty("role").GetString(), Is.EqualTo("master"), node.Name);
                Assert.That(worker2?.GetProperty("incarnation").GetInt32(), Is.Not.Zero, node.Name);
            });
        }
    }

    [Test]
    public async Task ApiStatus_Worker_SaysWhatItIs()
    {
        var status = await _worker1.GetJsonAsync("/api/status");

        Assert.Multiple(() =>
        {
            Assert.That(status.GetProperty("node").GetString(), Is.EqualTo("worker1"));
            Assert.That(status.GetProperty("role").GetString(), Is.EqualTo("worker"));
            Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("ready"));
            Assert.That(status.GetProperty("members_up").GetInt32(), Is.EqualTo(3));
            Assert.That(status.GetProperty("process_count").GetInt32(), Is.Positive);
        });
    }

    [Test]
    public async Task Startup_Worker_LogsWhatItIsWhereItListensAndThatItJoined()
    {
        Assert.That(_worker1.Output, Does.Contain("worker node 'worker1' starting")
            .And.Contain($"listening on 127.0.0.1:{_worker1.Port}")
            .And.Contain($"joined the cluster through the master at 127.0.0.1:{_master.Port}")
            .And.Contain("ready in"));
    }

    [TestCase("worker1", "worker2")]
    [TestCase("worker2", "master")]
    [TestCase("master", "worker1")]
    public async Task RemoteSpawnAndCall_FromOneNodeToAnother_RunsThereAndAnswers(string from, string to)
    {
        var node = _cluster.Nodes.Single(n => n.Name == from);

        var ping = await node.GetJsonAsync($"/debug/ping/{to}");

        Assert.That(ping.GetProperty("reply").GetString(), Is.EqualTo($"pong from {to}"));
    }

    [Test]
    public async Task RemoteSpawn_OnANodeThatIsNotInTheCluster_FailsAs502()
    {
        Assert.That(await _worker1.TryGetStatusAsync("/debug/ping/worker9"), Is.EqualTo(System.Net.HttpStatusCode.BadGateway));
    }

    [Test]
    public async Task RemotePingPong_ManyMessagesInFlightWorkerToWorker_AllComeBackInOrder()
    {
        var result = await _worker1.GetJsonAsync("/debug/pingpong/worker2?count=5000");

        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("count").GetInt32(), Is.EqualTo(5000));
            Assert.That(result.GetProperty("in_order").GetBoolean(), Is.True);
        });
        await TestContext.Out.WriteLineAsync($"5000 round trips worker1 <-> worker2 in {result.GetProperty("elapsed_ms").GetDouble():F1} ms");
    }

    [Test]
    public async Task GlobalName_RegisteredOnOneWorker_ResolvedAndCalledFromTheOther()
    {
        var registered = await _worker1.SendJsonAsync(HttpMethod.Post, "/debug/global/integration_echo");
        Assert.That(registered.GetProperty("registered").GetBoolean(), Is.True);

        var resolved = await _worker2.GetJsonAsync("/debug/global/integration_echo");

        Assert.Multiple(() =>
        {
            Assert.That(resolved.GetProperty("pid").GetString(), Is.EqualTo(registered.GetProperty("pid").GetString()));
            Assert.That(resolved.GetProperty("reply").GetString(), Is.EqualTo("pong from worker1"));
        });
    }
}
