using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DistSys.Host.Jobs;
using DistSys.Host.Plugins;
using DistSys.Host.Streams;
using DistSys.Jobs.Tests.Support;
using DistSys.Node.Tests.Api.Support;
using DistSys.Plugins.Tests.Support;
using DistSys.Streams;
using DistSys.Supervision;

namespace DistSys.Node.Tests.Streams;

/// <summary>
/// plugin:NAME stream operators end to end: a real plugin in its sandbox (the example plugins), the node's
/// bridge, the job and stream endpoints on a real Kestrel; submit-time validation names the node and field.
/// </summary>
public sealed class StreamPluginTests : PluginFixture
{
    private JobHarness _jobs = null!;
    private StreamMaster _streams = null!;
    private PipelineApp _app = null!;

    private HttpClient Client => _app.Client;

    [SetUp]
    public async Task StartServicesAsync()
    {
        _jobs = await JobHarness.StartAsync(maxTasks: 1);
        var directory = JobHarness.NewDataDirectory();
        var bridge = new StreamPluginBridge(new PluginService(null) { Manager = Manager });
        _streams = new StreamMaster(_jobs.Runtime, new StreamOptions { DataDirectory = directory, OutputDirectory = Path.Combine(directory, "outputs"), Plugins = bridge });
        await Supervisor.StartAsync(_jobs.Runtime, new SupervisorSpec { Children = [_streams.ManagerSpec] });
        _app = await PipelineApp.StartAsync(DistSys.Host.Api.Security.ApiLimits.Default with { RateLimit = 0 },
            a => a.MapJobEndpoints(_jobs.Master, _streams).MapStreamEndpoints(_streams));
    }

    [TearDown]
    public async Task StopServicesAsync()
    {
        await _app.DisposeAsync();
        await _jobs.DisposeAsync();
        _streams.Dispose();
        JobHarness.DeleteDirectory(_streams.Options.DataDirectory);
    }

    [Test]
    public async Task HttpThroughEchoPluginIntoCount_CountsPerUserExactly()
    {
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot));
        var id = await SubmitAsync("""
            {"id": "in", "source": "http"},
            {"id": "echo", "op": "plugin:echo", "input": "in", "parallelism": 2},
            {"id": "per_user", "op": "count", "input": "echo", "key": "user"},
            {"id": "out", "sink": "collect", "input": "per_user"}
            """);
        var events = Enumerable.Range(0, 3000).Select(n => (User: $"u{n % 7}", N: n)).ToList();
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var body = string.Concat(events.Skip(chunk * 1000).Take(1000).Select(e => $"{{\"user\":\"{e.User}\",\"n\":{e.N}}}\n"));
            var ingest = await Client.PostAsync($"/api/streams/{id}/sources/in", new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/x-ndjson")));
            Assert.That(ingest.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        var stopped = await ApiServer.JsonAsync(await Client.DeleteAsync($"/api/jobs/{id}"));
        Assert.That(stopped.GetProperty("status").GetString(), Is.EqualTo("stopped"), stopped.ToString());
        var sink = await (await Client.GetAsync($"/api/streams/{id}/sinks/out?from=0&limit=1000")).Content.ReadAsStringAsync();
        var final = sink.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .GroupBy(e => e.GetProperty("user").GetString()!).ToDictionary(g => g.Key, g => g.Last().GetProperty("count").GetInt32());
        Assert.Multiple(() =>
        {
            Assert.That(final, Is.EquivalentTo(events.GroupBy(e => e.User).ToDictionary(g => g.Key, g => g.Count())), "the echo plugin passed every event on, once");
            Assert.That(stopped.GetProperty("plugin_failures").GetInt32(), Is.Zero);
            Assert.That(Manager.List().Single().Requests, Is.GreaterThanOrEqualTo(3), "the events went through the sandboxed plugin");
        });
    }

    [Test]
    public async Task PluginThatThrows_FailuresCountedAndReplayedThenTheTopologyFails()
    {
        await Manager.DeployAsync(ExamplePlugins.Faulty(WorkRoot));
        var id = await SubmitAsync("""
            {"id": "in", "source": "generator", "count": 5000},
            {"id": "bad", "op": "plugin:faulty", "operation": "throw", "input": "in"},
            {"id": "out", "sink": "collect", "input": "bad"}
            """);

        JsonElement status = default;
        await Eventually.True(async () => (status = await ApiServer.JsonAsync(await Client.GetAsync($"/api/jobs/{id}"))).GetProperty("status").GetString() == "failed",
            "the topology gave up");
        Assert.Multiple(() =>
        {
            Assert.That(status.GetProperty("plugin_failures").GetInt32(), Is.EqualTo(DistSys.Streams.Engine.TopologyRunner.MaxRestarts + 1));
            Assert.That(status.GetProperty("sources")[0].GetProperty("replayed").GetInt64(), Is.GreaterThan(0), "each failed batch was read again");
            Assert.That(status.GetProperty("error").GetString(), Does.Contain("plugin_failed").And.Contain("asked to throw"));
        });
    }

    [TestCase("""{"id": "p", "op": "plugin:nope", "input": "in"}""", "config.topology.nodes[1].op", "no plugin 'nope' is deployed")]
    [TestCase("""{"id": "p", "op": "plugin:echo", "operation": "shout", "input": "in"}""", "config.topology.nodes[1].operation", "no operation 'shout'")]
    public async Task Submit_APluginThatCannotServe_400NamingTheNodeAndField(string node, string field, string detail)
    {
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot));
        await Eventually.True(() => Manager.List().Single().Operations.Count > 0, "the echo plugin said hello");
        var body = """{"name": "s", "type": "streaming", "config": {"topology": {"nodes": [{"id": "in", "source": "http"}, """ + node + """, {"id": "out", "sink": "log", "input": "p"}]}}}""";
        var response = await Client.PostAsync("/api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        await ApiServer.AssertErrorAsync(response, HttpStatusCode.BadRequest, field);
        var error = await ApiServer.JsonAsync(response);
        Assert.That(error.GetProperty("detail").GetString(), Does.Contain("node 'p'").And.Contain(detail));
    }

    private async Task<string> SubmitAsync(string nodes)
    {
        var response = await Client.PostAsync("/api/jobs", new StringContent("""{"name": "p", "type": "streaming", "config": {"topology": {"nodes": [""" + nodes + "]}}}", Encoding.UTF8, "application/json"));
        var created = await ApiServer.JsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        return created.GetProperty("job_id").GetString()!;
    }
}
