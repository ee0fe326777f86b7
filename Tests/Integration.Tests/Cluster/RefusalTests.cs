using DistSys.Integration.Tests.Support;

namespace DistSys.Integration.Tests.Cluster;

/// <summary>What a user gets wrong: the cookie, the port, the arguments, the settings, a master that is not there.</summary>
[TestFixture]
public sealed class RefusalTests
{
    private TestCluster _cluster = null!;

    [SetUp]
    public void SetUp() => _cluster = new TestCluster();

    [TearDown]
    public async Task TearDown() => await _cluster.DisposeAsync();

    [Test]
    public async Task WrongCookie_Worker_IsRefusedWithOneClearLineExits1AndClusterIsUnchanged()
    {
        var master = _cluster.StartMaster();
        var worker1 = _cluster.StartWorker("worker1");
        await TestCluster.WhenHealthyAsync(master, worker1);

        var intruder = _cluster.StartWorker("intruder", cookie: "not-the-cluster-cookie");

        Assert.That(await intruder.WaitForExitAsync(), Is.EqualTo(1), intruder.Output);
        Assert.Multiple(() =>
        {
            Assert.That(intruder.Output.Split('\n').Count(l => l.Contains($"Cookie rejected by the master at 127.0.0.1:{master.Port}", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(master.Output, Does.Contain("Cookie rejected:").And.Contain("does not hold this cluster's cookie"));
        });
        Assert.That(await TestCluster.UpMembersAsync(master), Is.EqualTo(new[] { "master", "worker1" }));
        Assert.That(await TestCluster.UpMembersAsync(worker1), Is.EqualTo(new[] { "master", "worker1" }));
    }

    [Test]
    public async Task PortInUse_SecondNodeOnTheSamePort_SaysSoInOneLineAndExits1()
    {
        var master = _cluster.StartMaster();
        await master.WaitForHealthyAsync();

        var second = _cluster.StartMaster(master.Port);

        Assert.That(await second.WaitForExitAsync(), Is.EqualTo(1));
        Assert.That(second.Output.Split('\n').Count(l => l.Contains("port already in use", StringComparison.Ordinal)), Is.EqualTo(1), second.Output);
        Assert.That(second.Output, Does.Contain($"127.0.0.1:{master.Port}"));
        Assert.That(second.Output, Does.Not.Contain("Exception"), "one clear line, no stack trace from the web host");
    }

    [Test]
    public async Task MasterUnreachable_Worker_SaysItRetriesAndStopsCleanlyOnSigterm()
    {
        var nobody = FreePort.Next();
        var worker = _cluster.Run("worker1", "worker1", "127.0.0.1", $"{FreePort.Next()}", "127.0.0.1", $"{nobody}", "--cookie", TestCluster.Cookie);

        await worker.WaitForLineAsync("unreachable");
        worker.Terminate();

        Assert.That(await worker.WaitForExitAsync(), Is.Zero, worker.Output);
    }

    [TestCase(new[] { "worker1", "127.0.0.1", "8081", "127.0.0.1" }, "NAME HOST PORT MASTER_HOST MASTER_PORT")]
    [TestCase(new[] { "master", "127.0.0.1", "80800" }, "invalid port '80800'")]
    [TestCase(new[] { "master", "127.0.0.1", "8080", "--log-level", "loud" }, "invalid log_level 'loud' (from --log-level)")]
    [TestCase(new[] { "master", "127.0.0.1", "8080", "--failure-timeout", "100ms", "--heartbeat-interval", "200ms" }, "invalid failure_timeout")]
    [TestCase(new[] { "--config", "/nonexistent/node.json", "master", "127.0.0.1", "8080" }, "config file '/nonexistent/node.json' (from --config) does not exist")]
    public async Task BadArgumentsOrSettings_SaysWhatIsWrongAndExits2(string[] args, string expected)
    {
        var run = _cluster.Run("bad", args);

        Assert.That(await run.WaitForExitAsync(), Is.EqualTo(2));
        Assert.That(run.Output, Does.Contain(expected));
    }
}
