using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DistSys.Integration.Tests.Support;

namespace DistSys.Integration.Tests.Streams;

/// <summary>
/// Topologies on a real master and two real workers: operators (and a generator) placed on the workers, a
/// worker killed with SIGKILL mid-stream, the master killed and restarted on its data directory, a stop with
/// events in flight. At-least-once: every event reaches the collect sink, possibly more than once; the test
/// de-duplicates by the event's sequence number and then checks the exact totals.
/// </summary>
[TestFixture]
public sealed partial class StreamPlacementTests
{
    private const string Operators = """
        {"id": "valid", "op": "filter", "input": "in", "where": {"field": "amount", "gt": 0}, "parallelism": 2},
        {"id": "slim",  "op": "map", "input": "valid", "select": ["seq", "user", "amount"], "parallelism": 2},
        {"id": "out",   "sink": "collect", "input": "slim", "retention": 1000000}
        """;

    private TestCluster _cluster = null!;
    private string _masterData = null!;

    [SetUp]
    public void SetUp()
    {
        _cluster = new TestCluster();
        _masterData = Path.Combine(Path.GetTempPath(), "distsys-it-master-" + Guid.NewGuid().ToString("N"));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _cluster.DisposeAsync();
        if (Directory.Exists(_masterData))
        {
            Directory.Delete(_masterData, recursive: true);
        }
    }

    [Test]
    public async Task Generator_WorkerKilledMidStream_ReplacedOnTheSurvivorEveryEventReachesTheSinkReplaysCounted()
    {
        const int count = 120_000;
        var (master, worker1, _) = await StartClusterAsync();
        var id = await SubmitAsync(master, $$"""
            {"id": "in",    "source": "generator", "count": {{count}}, "rate": 20000, "keys": 20, "seed": 7},
            {"id": "valid", "op": "filter", "input": "in", "where": {"field": "seq", "ge": 0}, "parallelism": 2},
            {"id": "slim",  "op": "map", "input": "valid", "select": ["seq", "key", "amount"], "parallelism": 2},
            {"id": "out",   "sink": "collect", "input": "slim", "retention": 1000000}
            """);
        var placed = await RunsOnAsync(master, id);
        Assert.Multiple(() =>
        {
            Assert.That(placed["in"], Is.SubsetOf(new[] { "worker1", "worker2" }), "a generator runs on a worker");
            Assert.That(placed["valid"], Is.EquivalentTo(new[] { "worker1", "worker2" }), "a stage's instances spread over the workers");
            Assert.That(placed["slim"], Is.EquivalentTo(new[] { "worker1", "worker2" }));
            Assert.That(placed["out"], Is.EqualTo(new[] { "master" }), "a collect sink writes the master's store");
        });

        await WaitForSinkAsync(master, id, count / 6);
        worker1.Kill();
        await worker1.WaitForExitAsync();

        var final = await WaitForStatusAsync(master, id, "completed");
        var events = await ReadSinkAsync(master, id);
        var bySeq = events.GroupBy(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(bySeq.Select(g => g.Key).Order(), Is.EqualTo(Enumerable.Range(0, count).Select(i => (long)i)), "every event reached the sink");
            Assert.That(bySeq.Where(g => g.Select(e => e.GetRawText()).Distinct().Count() > 1).Select(g => g.Key), Is.Empty, "a replayed event is the same event");
            Assert.That(Replayed(final), Is.GreaterThan(0), "the events after the acked offset were replayed and counted");
            Assert.That(events.Count, Is.GreaterThanOrEqualTo(count));
            Assert.That(final.GetProperty("restarts").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(Places(final).Values.SelectMany(p => p), Has.None.EqualTo("worker1"), "nothing runs on the dead worker");
        });
    }

    [Test]
    public async Task Http_WorkerKilledMidStream_EveryAcceptedEventReachesTheSinkCountsExactAfterDeduplication()
    {
        var (master, worker1, _) = await StartClusterAsync();
        var id = await SubmitAsync(master, """{"id": "in", "source": "http"},""" + Operators);
        Assert.That((await RunsOnAsync(master, id))["valid"], Is.EquivalentTo(new[] { "worker1", "worker2" }));

        const int bodies = 60, perBody = 1000;
        var ingest = Task.Run(async () =>
        {
            for (var b = 0; b < bodies; b++)
            {
                await IngestAsync(master, id, b * perBody, perBody);
            }
        });
        await WaitForSinkAsync(master, id, 5000);
        worker1.Kill();
        await worker1.WaitForExitAsync();
        await ingest;

        var stopped = await master.SendJsonAsync(HttpMethod.Delete, $"/api/jobs/{id}");
        Assert.That(stopped.GetProperty("status").GetString(), Is.EqualTo("stopped"));
        var final = await master.GetJsonAsync($"/api/jobs/{id}");
        AssertExact(await ReadSinkAsync(master, id), bodies * perBody);
        Assert.That(Replayed(final), Is.GreaterThan(0), "the events after the acked offset were replayed and counted");
        Assert.That(Places(final).Values.SelectMany(p => p), Has.None.EqualTo("worker1"), "nothing runs on the dead worker");
    }

    [Test]
    public async Task MasterKilledMidStream_RestartedOnItsDataDirectory_TheTopologyResumesNothingAcceptedIsLost()
    {
        var master = _cluster.StartMaster(null, "--data-dir", _masterData);
        var workers = new[] { _cluster.StartWorker("worker1"), _cluster.StartWorker("worker2") };
        await TestCluster.WhenHealthyAsync([master, .. workers]);
        await TestCluster.WhenEveryoneSeesAsync(_cluster.Nodes, "master", "worker1", "worker2");
        var id = await SubmitAsync(master, """{"id": "in", "source": "http"},""" + Operators);
        for (var b = 0; b < 20; b++)
        {
            await IngestAsync(master, id, b * 1000, 1000);
        }

        await WaitForSinkAsync(master, id, 1000);
        master.Kill();
        await master.WaitForExitAsync();

        var restarted = _cluster.StartMaster(master.Port, "--data-dir", _masterData);
        await restarted.WaitForHealthyAsync();
        await WaitForStatusAsync(restarted, id, "running");
        for (var b = 20; b < 40; b++)
        {
            await IngestAsync(restarted, id, b * 1000, 1000);
        }

        var stopped = await restarted.SendJsonAsync(HttpMethod.Delete, $"/api/jobs/{id}");
        Assert.That(stopped.GetProperty("status").GetString(), Is.EqualTo("stopped"));
        AssertExact(await ReadSinkAsync(restarted, id), 40_000);
    }

    [Test]
    public async Task Stop_WithEventsInFlightOnTheWorkers_DrainsEveryEventExactlyOnce()
    {
        var (master, _, _) = await StartClusterAsync();
        var id = await SubmitAsync(master, """{"id": "in", "source": "http"},""" + Operators);
        for (var b = 0; b < 5; b++)
        {
            await IngestAsync(master, id, b * 10_000, 10_000);
        }

        var stopped = await master.SendJsonAsync(HttpMethod.Delete, $"/api/jobs/{id}");
        Assert.That(stopped.GetProperty("status").GetString(), Is.EqualTo("stopped"));
        var events = await ReadSinkAsync(master, id);
        AssertExact(events, 50_000);
        Assert.That(events, Has.Count.EqualTo(Enumerable.Range(0, 50_000).Count(i => i % 3 > 0)), "no failure, so no event twice");
    }

    private static void AssertExact(List<JsonElement> events, int ingested)
    {
        var unique = events.GroupBy(e => e.GetProperty("seq").GetInt32()).Select(g => g.First()).ToList();
        var expected = Enumerable.Range(0, ingested).Where(i => i % 3 > 0).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(unique.Select(e => e.GetProperty("seq").GetInt32()).Order(), Is.EqualTo(expected), "every accepted event that passes the filter reached the sink");
            Assert.That(unique.GroupBy(e => e.GetProperty("user").GetString()!).ToDictionary(g => g.Key, g => g.Count()),
                Is.EquivalentTo(expected.GroupBy(i => $"u{i % 10}").ToDictionary(g => g.Key, g => g.Count())), "per-user counts, replays removed");
        });
    }

    private async Task<(NodeProcess Master, NodeProcess Worker1, NodeProcess Worker2)> StartClusterAsync()
    {
        var master = _cluster.StartMaster();
        var worker1 = _cluster.StartWorker("worker1");
        var worker2 = _cluster.StartWorker("worker2");
        await TestCluster.WhenHealthyAsync(master, worker1, worker2);
        await TestCluster.WhenEveryoneSeesAsync(_cluster.Nodes, "master", "worker1", "worker2");
        return (master, worker1, worker2);
    }

    private static async Task<string> SubmitAsync(NodeProcess master, string nodes)
    {
        using var response = await NodeProcess.SendAsync(master.Request(HttpMethod.Post, "/api/jobs", new StringContent(
            $$$$"""{"name": "placed", "type": "streaming", "config": {"topology": {"nodes": [{{{{nodes}}}}]}}}""", Encoding.UTF8, "application/json")));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("job_id").GetString()!;
    }

    private static async Task IngestAsync(NodeProcess master, string id, int first, int count)
    {
        var lines = string.Concat(Enumerable.Range(first, count).Select(i => $"{{\"seq\":{i},\"user\":\"u{i % 10}\",\"amount\":{i % 3}}}\n"));
        using var response = await NodeProcess.SendAsync(master.Request(HttpMethod.Post, $"/api/streams/{id}/sources/in",
            new StringContent(lines, Encoding.UTF8, new MediaTypeHeaderValue("application/x-ndjson"))));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
    }

    private static Dictionary<string, string[]> Places(JsonElement status) =>
        status.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!,
            n => n.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("runs_on").GetString()!).ToArray());

    private static long Replayed(JsonElement status) => status.GetProperty("sources").EnumerateArray().Sum(s => s.GetProperty("replayed").GetInt64());

    /// <summary>Where each node's instances run, once every instance of the topology exists.</summary>
    private static async Task<Dictionary<string, string[]>> RunsOnAsync(NodeProcess master, string id)
    {
        Dictionary<string, string[]> places = [];
        await master.WaitUntilAsync(async () => (places = Places(await master.GetJsonAsync($"/api/jobs/{id}"))).Count == 4, $"{id} has its instances");
        return places;
    }

    private static async Task<JsonElement> WaitForStatusAsync(NodeProcess master, string id, string status)
    {
        var last = default(JsonElement);
        await master.WaitUntilAsync(async () => (last = await master.GetJsonAsync($"/api/jobs/{id}")).GetProperty("status").GetString() == status,
            $"{id} is {status}", TimeSpan.FromSeconds(60));
        return last;
    }

    private static Task WaitForSinkAsync(NodeProcess master, string id, long events) =>
        master.WaitUntilAsync(async () => await SinkEndAsync(master, id) >= events, $"{id}'s sink holds {events} events", TimeSpan.FromSeconds(60));

    private static async Task<long> SinkEndAsync(NodeProcess master, string id)
    {
        var status = await master.GetJsonAsync($"/api/jobs/{id}");
        return status.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("id").GetString() == "out").Sum(n => n.GetProperty("events_in").GetInt64());
    }

    private static async Task<List<JsonElement>> ReadSinkAsync(NodeProcess master, string id)
    {
        var all = new List<JsonElement>();
        var from = 0L;
        while (true)
        {
            using var response = await NodeProcess.SendAsync(master.Request(HttpMethod.Get, $"/api/streams/{id}/sinks/out?from={from}&limit=10000"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length == 0)
            {
                return all;
            }

            all.AddRange(lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()));
            from = long.Parse(response.Headers.GetValues("X-Next-Offset").Single(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
