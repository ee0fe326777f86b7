using System.Net;
using System.Text.Json;
using DistSys.Host;
using DistSys.Host.Cli;
using DistSys.Integration.Tests.Support;

namespace DistSys.Node.Tests.Processes;

/// <summary>
/// GET /api/processes/top, GET /api/supervision and the <c>top</c> command against a real master and
/// worker: the list is ranked and bounded, bad parameters are 400s, the token is required, and top
/// prints one view, the node's JSON, or re-ranks on a key.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ProcessEndpointsTests
{
    private TestCluster _cluster = null!;
    private NodeProcess _master = null!;
    private NodeProcess _worker = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _cluster = new TestCluster();
        _master = _cluster.StartMaster();
        _worker = _cluster.StartWorker("worker1");
        await TestCluster.WhenHealthyAsync(_master, _worker);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _cluster.DisposeAsync();

    [Test]
    public async Task Top_ByHandled_RankedHighestFirstAndBounded()
    {
        var top = await _master.GetJsonAsync("/api/processes/top?by=handled&n=5");

        var processes = top.GetProperty("processes").EnumerateArray().ToList();
        var handled = processes.Select(p => p.GetProperty("messages_handled").GetInt64()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(top.GetProperty("node").GetString(), Is.EqualTo("master"));
            Assert.That(top.GetProperty("by").GetString(), Is.EqualTo("handled"));
            Assert.That(processes, Has.Count.EqualTo(5), "a master runs more than 5 processes");
            Assert.That(handled, Is.Ordered.Descending);
            Assert.That(handled[0], Is.GreaterThan(0), "the busiest process has handled something");
            Assert.That(top.GetProperty("stats").GetProperty("processes").GetInt32(), Is.GreaterThanOrEqualTo(5));
            Assert.That(top.GetProperty("stats").GetProperty("working_set_bytes").GetInt64(), Is.GreaterThan(0));
            Assert.That(processes.Select(p => p.GetProperty("pid").GetString()), Is.All.Match(@"^<\d+\.\d+\.\d+>$"));
        });
    }

    [TestCase("by=bogus", "by: must be mailbox, handled or memory")]
    [TestCase("n=0", "n: must be a whole number from 1 to 1000")]
    [TestCase("n=1001", "n: must be a whole number from 1 to 1000")]
    public async Task Top_BadParameter_400NamingIt(string query, string detail)
    {
        using var response = await NodeProcess.SendAsync(_master.Request(HttpMethod.Get, $"/api/processes/top?{query}"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((body.GetProperty("error").GetString(), body.GetProperty("detail").GetString()), Is.EqualTo(("invalid_field", detail)));
    }

    [TestCase("/api/processes/top")]
    [TestCase("/api/supervision")]
    public async Task Endpoints_WithoutTheToken_401(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_master.BaseAddress, path));
        using var response = await NodeProcess.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Supervision_Worker_TreeFromTheRootWithItsServices()
    {
        var tree = await _worker.GetJsonAsync("/api/supervision");

        var root = tree.GetProperty("root");
        var children = root.GetProperty("children").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(tree.GetProperty("node").GetString(), Is.EqualTo("worker1"));
            Assert.That(tree.GetProperty("truncated").GetBoolean(), Is.False);
            Assert.That(root.GetProperty("id").GetString(), Is.EqualTo("node_supervisor"));
            Assert.That(children, Is.Not.Empty, "the node's services are the root's children");
            Assert.That(children.Select(c => c.GetProperty("type").GetString()), Is.All.AnyOf("worker", "supervisor"));
            Assert.That(children.Where(c => c.GetProperty("pid").ValueKind == JsonValueKind.String), Is.Not.Empty, "running services have pids");
        });
    }

    [Test]
    public async Task TopCommand_OnceJson_PrintsTheNodesAnswer()
    {
        var (code, stdout, stderr) = await RunTopAsync([], "--once", "--json", "--by", "memory", "--limit", "3");

        var answer = JsonDocument.Parse(stdout).RootElement;
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr);
        Assert.That(answer.GetProperty("by").GetString(), Is.EqualTo("memory"));
        Assert.That(answer.GetProperty("processes").GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public async Task TopCommand_KeyH_ReranksByHandledAndQQuits()
    {
        var keys = new Queue<char>(['h', 'q']);
        var (code, stdout, stderr) = await RunTopAsync(keys);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr);
        var frames = stdout.Split("distsys top · ", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(frames, Has.Length.EqualTo(2), stdout);
        Assert.That(frames[0], Does.Contain("by mailbox").And.Contain("PID"));
        Assert.That(frames[1], Does.Contain("by handled").And.Match(@"messages [\d,]+ handled, [\d,]+ /s"), "the second frame has a rate");
    }

    [Test]
    public async Task TopCommand_WrongToken_OneLineAndExit1()
    {
        var command = (TopCommand)CommandLine.Parse(["top", $"127.0.0.1:{_master.Port}", "--once", "--token", "wrong-token-0123456789abcdef"]);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await TopRunner.RunAsync(command, stdout, stderr, () => null, ansi: false, TimeSpan.Zero, CancellationToken.None);

        Assert.That(code, Is.EqualTo(ExitCodes.Failure));
        Assert.That(stderr.ToString(), Does.StartWith("distributed_system: unauthorized").And.Not.Contain("wrong-token"));
    }

    private async Task<(int Code, string StdOut, string StdErr)> RunTopAsync(Queue<char> keys, params string[] options)
    {
        var command = (TopCommand)CommandLine.Parse(["top", $"127.0.0.1:{_master.Port}", .. options, "--token", TestCluster.ApiToken]);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await TopRunner.RunAsync(command, stdout, stderr, () => keys.TryDequeue(out var key) ? key : null, ansi: false,
            TimeSpan.FromMilliseconds(200), CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
