using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DistSys.Integration.Tests.Support;
using DistSys.Plugins.Store;
using DistSys.Plugins.Tests.Support;

namespace DistSys.Integration.Tests.Streams;

/// <summary>
/// plugin:NAME operators in real processes: the plugin deployed once on the master reaches both workers, the
/// operator's instances run there in their sandboxes, and a worker SIGKILL or a master restart loses nothing.
/// </summary>
public sealed partial class StreamPlacementTests
{
    private const string EchoStages = """
        {"id": "echo", "op": "plugin:echo", "input": "in", "parallelism": 2},
        {"id": "out",  "sink": "collect", "input": "echo", "retention": 1000000}
        """;

    [Test]
    public async Task PluginOperator_WorkerKilledMidStream_RunsOnTheSurvivorEveryEventReachesTheSinkOnce()
    {
        const int count = 60_000;
        var (master, worker1, worker2) = await StartClusterAsync();
        await DeployEchoAsync(master);
        var id = await SubmitAsync(master, $$"""
            {"id": "in", "source": "generator", "count": {{count}}, "rate": 10000, "keys": 20, "seed": 11},
            {"id": "slim", "op": "map", "input": "in", "select": ["seq", "key", "amount"], "parallelism": 2},
            """ + EchoStages.Replace("\"input\": \"in\"", "\"input\": \"slim\"", StringComparison.Ordinal));
        var placed = await RunsOnAsync(master, id);
        Assert.That(placed["echo"], Is.EquivalentTo(new[] { "worker1", "worker2" }), "the plugin's instances spread over the workers");

        await WaitForSinkAsync(master, id, count / 6);
        worker1.Kill();
        await worker1.WaitForExitAsync();

        var final = await WaitForStatusAsync(master, id, "completed");
        var events = await ReadSinkAsync(master, id);
        var bySeq = events.GroupBy(e => e.GetProperty("seq").GetInt64()).ToList();
        var echo = (await worker2.GetJsonAsync("/api/plugins")).GetProperty("plugins").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(bySeq.Select(g => g.Key).Order(), Is.EqualTo(Enumerable.Range(0, count).Select(i => (long)i)), "every event went through the plugin to the sink");
            Assert.That(bySeq.Where(g => g.Select(e => e.GetRawText()).Distinct().Count() > 1).Select(g => g.Key), Is.Empty, "the plugin passed each event on unchanged");
            Assert.That(Replayed(final), Is.GreaterThan(0), "the events in flight on the dead worker were replayed");
            Assert.That(final.GetProperty("plugin_failures").GetInt32(), Is.Zero, "a dead worker is not a plugin failure");
            Assert.That(Places(final)["echo"], Is.EqualTo(new[] { "worker2", "worker2" }), "both instances moved to the survivor");
            Assert.That(echo.GetProperty("requests").GetInt64(), Is.Positive, "the survivor's sandboxed plugin served the events");
        });
    }

    [Test]
    public async Task PluginOperator_MasterKilledAndRestarted_TheTopologyResumesNothingAcceptedIsLost()
    {
        var master = _cluster.StartMaster(null, "--data-dir", _masterData);
        var workers = new[] { _cluster.StartWorker("worker1"), _cluster.StartWorker("worker2") };
        await TestCluster.WhenHealthyAsync([master, .. workers]);
        await TestCluster.WhenEveryoneSeesAsync(_cluster.Nodes, "master", "worker1", "worker2");
        await DeployEchoAsync(master);
        var id = await SubmitAsync(master, """{"id": "in", "source": "http"},""" + EchoStages);
        for (var b = 0; b < 10; b++)
        {
            await IngestAsync(master, id, b * 1000, 1000);
        }

        await WaitForSinkAsync(master, id, 1000);
        master.Kill();
        await master.WaitForExitAsync();

        // The restarted master runs the plugin again from its deploy history and resumes the topology.
        var restarted = _cluster.StartMaster(master.Port, "--data-dir", _masterData);
        await restarted.WaitForHealthyAsync();
        await WaitForStatusAsync(restarted, id, "running");
        for (var b = 10; b < 20; b++)
        {
            await IngestAsync(restarted, id, b * 1000, 1000);
        }

        var stopped = await restarted.SendJsonAsync(HttpMethod.Delete, $"/api/jobs/{id}");
        var seqs = (await ReadSinkAsync(restarted, id)).Select(e => e.GetProperty("seq").GetInt32()).Distinct().Order();
        Assert.Multiple(() =>
        {
            Assert.That(stopped.GetProperty("status").GetString(), Is.EqualTo("stopped"));
            Assert.That(seqs, Is.EqualTo(Enumerable.Range(0, 20_000)), "every accepted event went through the plugin to the sink");
            Assert.That(stopped.GetProperty("plugin_failures").GetInt32(), Is.Zero);
        });
    }

    /// <summary>Uploads the echo example plugin to the master, which deploys it on every node.</summary>
    private static async Task DeployEchoAsync(NodeProcess master)
    {
        var (package, entry) = PluginPackage.Pack(ExamplePlugins.Echo(Path.GetTempPath()).Path);
        using var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await NodeProcess.SendAsync(master.Request(HttpMethod.Post, $"/api/plugins?name=echo&version=1&entry={Uri.EscapeDataString(entry)}", content));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("nodes").EnumerateArray().Select(n => $"{n.GetProperty("node").GetString()}:{n.GetProperty("ok").GetBoolean()}"),
            Is.EquivalentTo(new[] { "master:True", "worker1:True", "worker2:True" }), body);
    }
}
