using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DistSys.Host.Jobs;
using DistSys.Host.Streams;
using DistSys.Jobs.Tests.Support;
using DistSys.Node.Tests.Api.Support;
using DistSys.Streams;
using DistSys.Supervision;

namespace DistSys.Node.Tests.Streams;

/// <summary>The streaming contract on a real Kestrel: submit through /api/jobs, ingest, read a sink, stop; the refusals.</summary>
public sealed class StreamEndpointsTests
{
    private const string Clicks = """
        {"name": "clicks", "type": "streaming", "config": {"topology": {"nodes": [
            {"id": "in",       "source": "http"},
            {"id": "valid",    "op": "filter", "input": "in", "where": {"field": "amount", "gt": 0}},
            {"id": "per_user", "op": "count",  "input": "valid", "key": "user", "parallelism": 2},
            {"id": "out",      "sink": "collect", "input": "per_user"} ]}}}
        """;

    private JobHarness _jobs = null!;
    private StreamMaster _streams = null!;
    private PipelineApp _app = null!;

    private HttpClient Client => _app.Client;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _jobs = await JobHarness.StartAsync(maxTasks: 1);
        var directory = JobHarness.NewDataDirectory();
        _streams = new StreamMaster(_jobs.Runtime, new StreamOptions { DataDirectory = directory, OutputDirectory = Path.Combine(directory, "outputs"), LogBytes = 4096 });
        await Supervisor.StartAsync(_jobs.Runtime, new SupervisorSpec { Children = [_streams.ManagerSpec] });
        _app = await PipelineApp.StartAsync(DistSys.Host.Api.Security.ApiLimits.Default with { RateLimit = 0 },
            a => a.MapJobEndpoints(_jobs.Master, _streams).MapStreamEndpoints(_streams));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _app.DisposeAsync();
        await _jobs.DisposeAsync();
        _streams.Dispose();
        JobHarness.DeleteDirectory(_streams.Options.DataDirectory);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string body) =>
        Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> IngestAsync(string id, string node, string ndjson) =>
        Client.PostAsync($"/api/streams/{id}/sources/{node}", new StringContent(ndjson, Encoding.UTF8, new MediaTypeHeaderValue("application/x-ndjson")));

    private async Task<string> SubmitAsync(string body = Clicks)
    {
        var response = await PostJsonAsync("/api/jobs", body);
        var created = await ApiServer.JsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        return created.GetProperty("job_id").GetString()!;
    }

    [Test]
    public async Task Clicks_SubmitIngestReadStop_CountsPerUserThenStopped()
    {
        var response = await PostJsonAsync("/api/jobs", Clicks);
        var created = await ApiServer.JsonAsync(response);
        var id = created.GetProperty("job_id").GetString()!;
        Assert.That(created.GetProperty("type").GetString(), Is.EqualTo("streaming"));
        Assert.That(created.GetProperty("status").GetString(), Is.EqualTo("running"));

        var ingest = await IngestAsync(id, "in", "{\"user\":\"a\",\"amount\":3}\n{\"user\":\"b\",\"amount\":0}\r\n\n{\"user\":\"a\",\"amount\":1}\n");
        var accepted = await ApiServer.JsonAsync(ingest);
        Assert.That(ingest.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), accepted.ToString());
        Assert.That(accepted.GetProperty("accepted").GetInt32(), Is.EqualTo(3));

        var stopped = await ApiServer.JsonAsync(await Client.DeleteAsync($"/api/jobs/{id}"));
        Assert.That(stopped.GetProperty("status").GetString(), Is.EqualTo("stopped"), stopped.ToString());

        var sink = await Client.GetAsync($"/api/streams/{id}/sinks/out?from=0&limit=1000");
        var lines = (await sink.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(sink.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/x-ndjson"));
            Assert.That(sink.Headers.GetValues("X-Next-Offset").Single(), Is.EqualTo(lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(lines.Last(l => l.GetProperty("user").GetString() == "a").GetProperty("count").GetInt32(), Is.EqualTo(2));
            Assert.That(lines.Any(l => l.GetProperty("user").GetString() == "b"), Is.False, "filtered out");
        });

        var status = await ApiServer.JsonAsync(await Client.GetAsync($"/api/jobs/{id}"));
        Assert.That(status.GetProperty("sources")[0].GetProperty("acked").GetInt64(), Is.GreaterThan(0));
        await ApiServer.AssertErrorAsync(await IngestAsync(id, "in", "{}\n"), HttpStatusCode.Conflict, id);
        await ApiServer.AssertErrorAsync(await Client.DeleteAsync($"/api/jobs/{id}"), HttpStatusCode.Conflict, id);
    }

    [TestCase("out", "{}\n", HttpStatusCode.BadRequest, "out")]
    [TestCase("nope", "{}\n", HttpStatusCode.NotFound, "nope")]
    [TestCase("in", "{\"a\":1}\n[1,2]\n", HttpStatusCode.BadRequest, "line 2")]
    [TestCase("in", "{\"a\":\n", HttpStatusCode.BadRequest, "line 1")]
    [TestCase("in", "\n\n", HttpStatusCode.BadRequest, "body")]
    public async Task Ingest_Refused_NamesTheNodeOrLine(string node, string body, HttpStatusCode status, string named)
    {
        var id = await SubmitAsync();
        await ApiServer.AssertErrorAsync(await IngestAsync(id, node, body), status, named);
    }

    [Test]
    public async Task Ingest_OversizeLineOrBody_400NamingTheLimit()
    {
        var id = await SubmitAsync();
        var line = await ApiServer.JsonAsync(await IngestAsync(id, "in", $"{{\"a\":\"{new string('x', StreamEndpoints.MaxLineBytes)}\"}}\n"));
        Assert.That(line.GetProperty("detail").GetString(), Does.Contain($"at most {StreamEndpoints.MaxLineBytes} bytes"));
        var body = await ApiServer.JsonAsync(await IngestAsync(id, "in", new string(' ', StreamEndpoints.MaxIngestBytes + 1)));
        Assert.That(body.GetProperty("detail").GetString(), Does.Contain($"{StreamEndpoints.MaxIngestBytes} bytes"));
    }

    [Test]
    public async Task Ingest_UnknownJob_404()
    {
        await ApiServer.AssertErrorAsync(await IngestAsync("job-s999", "in", "{}\n"), HttpStatusCode.NotFound, "job-s999");
    }

    [Test]
    public async Task Ingest_LogFull_429WithRetryAfter()
    {
        // The fixture's log holds 4096 bytes unacknowledged: a body of about 7800 cannot fit, whatever the sink has acked.
        var id = await SubmitAsync();
        var body = string.Concat(Enumerable.Range(0, 60).Select(i => $"{{\"user\":\"u{i}\",\"amount\":1,\"pad\":\"{new string('p', 100)}\"}}\n"));
        var full = await IngestAsync(id, "in", body);

        Assert.That(full.Headers.RetryAfter, Is.Not.Null);
        await ApiServer.AssertErrorAsync(full, HttpStatusCode.TooManyRequests, "in");
    }

    [TestCase("""{"name": "s", "type": "streaming", "config": {"topology": {"nodes": [{"id": "in", "source": "http"}]}}}""", "config.topology.nodes[0].id")]
    [TestCase("""{"name": "s", "type": "streaming"}""", "config")]
    [TestCase("""{"name": "s", "type": "realtime", "config": {}}""", "type")]
    public async Task Submit_InvalidStreaming_400NamingTheField(string body, string field)
    {
        await ApiServer.AssertErrorAsync(await PostJsonAsync("/api/jobs", body), HttpStatusCode.BadRequest, field);
    }
}
