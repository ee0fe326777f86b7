using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DistSys.Integration.Tests.Support;

namespace DistSys.Integration.Tests.Streams;

/// <summary>The issue's clicks topology on a real master process: submit, ingest, read the sink, stop.</summary>
[TestFixture]
public sealed class StreamingTests
{
    private TestCluster _cluster = null!;

    [SetUp]
    public void SetUp() => _cluster = new TestCluster();

    [TearDown]
    public async Task TearDown() => await _cluster.DisposeAsync();

    [Test]
    public async Task Clicks_OnARealMaster_CountsPerUserReachTheCollectSinkThenStopped()
    {
        var master = _cluster.StartMaster();
        await master.WaitForHealthyAsync();
        var submit = await NodeProcess.SendAsync(master.Request(HttpMethod.Post, "/api/jobs", new StringContent("""
            {"name": "clicks", "type": "streaming", "config": {"topology": {"nodes": [
                {"id": "in",       "source": "http"},
                {"id": "valid",    "op": "filter", "input": "in", "where": {"field": "amount", "gt": 0}},
                {"id": "per_user", "op": "count",  "input": "valid", "key": "user", "parallelism": 2},
                {"id": "out",      "sink": "collect", "input": "per_user"} ]}}}
            """, Encoding.UTF8, "application/json")));
        Assert.That(submit.StatusCode, Is.EqualTo(HttpStatusCode.Created), await submit.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement.GetProperty("job_id").GetString()!;

        var events = string.Concat(Enumerable.Range(0, 1000).Select(i => $"{{\"user\":\"u{i % 10}\",\"amount\":{i % 3}}}\n"));
        var ingest = await NodeProcess.SendAsync(master.Request(HttpMethod.Post, $"/api/streams/{id}/sources/in",
            new StringContent(events, Encoding.UTF8, new MediaTypeHeaderValue("application/x-ndjson"))));
        Assert.That(ingest.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await ingest.Content.ReadAsStringAsync());

        var stopped = await master.SendJsonAsync(HttpMethod.Delete, $"/api/jobs/{id}");
        Assert.That(stopped.GetProperty("status").GetString(), Is.EqualTo("stopped"));

        var sink = await NodeProcess.SendAsync(master.Request(HttpMethod.Get, $"/api/streams/{id}/sinks/out?from=0&limit=10000"));
        var final = (await sink.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).GroupBy(e => e.GetProperty("user").GetString()!)
            .ToDictionary(g => g.Key, g => g.Last().GetProperty("count").GetInt32());
        var expected = Enumerable.Range(0, 1000).Where(i => i % 3 > 0).GroupBy(i => $"u{i % 10}").ToDictionary(g => g.Key, g => g.Count());
        Assert.That(final, Is.EquivalentTo(expected));
    }
}
