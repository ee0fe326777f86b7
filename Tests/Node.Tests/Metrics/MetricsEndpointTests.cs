using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DistSys.Integration.Tests.Support;

namespace DistSys.Node.Tests.Metrics;

/// <summary>
/// GET /metrics on a real master and worker (OS processes): the exposition parses strictly, carries the
/// families docs/metrics.md lists beside the runtime's and the process's, needs the API token unless
/// <c>--metrics-public</c>, and its values move with the work the cluster does.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MetricsEndpointTests
{
    private TestCluster _cluster = null!;

    [SetUp]
    public void SetUp() => _cluster = new TestCluster();

    [TearDown]
    public async Task TearDown() => await _cluster.DisposeAsync();

    [Test]
    public async Task Scrape_AJobRunsOnTheCluster_EveryFamilyWellFormedAndTheCountsMove()
    {
        var master = _cluster.StartMaster();
        var worker = _cluster.StartWorker("worker1");
        await TestCluster.WhenHealthyAsync(master, worker);
        await Eventually.True(async () => (await master.GetJsonAsync("/api/workers")).GetProperty("workers").GetArrayLength() == 1, "the worker registered");
        var before = PrometheusText.Parse(await ScrapeAsync(master));

        var created = await PostJobAsync(master, """{"name":"metrics","type":"batch","config":{"operation":"multiply","factor":2,"task_count":6}}""");
        var id = created.GetProperty("job_id").GetString()!;
        await master.WaitUntilAsync(async () => (await master.GetJsonAsync($"/api/jobs/{id}")).GetProperty("status").GetString() == "completed", $"job {id} completed");
        PrometheusText after = null!;
        await master.WaitUntilAsync(async () =>
        {
            after = PrometheusText.Parse(await ScrapeAsync(master));
            return after.ValueOrZero("distsys_jobs", "state=completed") == 1;
        }, "the jobs gauge shows the completed job");
        var onWorker = PrometheusText.Parse(await ScrapeAsync(worker));

        Assert.Multiple(() =>
        {
            Assert.That(after.Families.Keys, Is.SupersetOf(new[]
            {
                "distsys_cluster_members", "distsys_processes", "distsys_messages_total", "distsys_transport_bytes_total",
                "distsys_transport_frames_total", "distsys_supervisor_restarts_total", "distsys_memory_pool_bytes", "distsys_jobs",
                "distsys_workers", "distsys_tasks_total", "distsys_task_duration_seconds", "distsys_http_requests_total",
                "dotnet_gc_collections_total", "process_cpu_time_seconds_total",
            }));
            Assert.That(after.Families["distsys_task_duration_seconds"].Type, Is.EqualTo("histogram"));
            Assert.That(after.Value("distsys_tasks_total", "operation=multiply", "outcome=completed")
                - before.ValueOrZero("distsys_tasks_total", "operation=multiply", "outcome=completed"), Is.EqualTo(6));
            Assert.That(after.Value("distsys_task_duration_seconds_count", "operation=multiply"), Is.GreaterThanOrEqualTo(6));
            Assert.That(after.Value("distsys_cluster_members", "status=up"), Is.EqualTo(2));
            Assert.That(after.Value("distsys_workers", "status=active"), Is.EqualTo(1));
            Assert.That(after.Value("distsys_messages_total", "scope=remote"), Is.GreaterThan(before.Value("distsys_messages_total", "scope=remote")));
            Assert.That(after.Value("distsys_transport_bytes_total", "direction=in"), Is.GreaterThan(before.Value("distsys_transport_bytes_total", "direction=in")));
            Assert.That(after.Value("distsys_transport_frames_total", "kind=message"), Is.GreaterThan(0));
            Assert.That(after.Value("distsys_http_requests_total", "code=201"), Is.EqualTo(1), "the one POST /api/jobs");
            Assert.That(onWorker.Value("distsys_messages_total", "scope=local"), Is.GreaterThan(0));
            Assert.That(onWorker.Families.Keys, Does.Contain("distsys_processes"));
        });
    }

    [Test]
    public async Task Metrics_ByDefault_NeedsTheToken()
    {
        var master = _cluster.StartMaster();
        await master.WaitForHealthyAsync();

        var anonymous = await AnonymousAsync(master, "/metrics");
        var withToken = await master.TryGetStatusAsync("/metrics");

        Assert.Multiple(() =>
        {
            Assert.That(anonymous, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(withToken, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Metrics_MetricsPublic_OpensOnlyMetrics()
    {
        var master = _cluster.StartMaster(extra: ["--metrics-public"]);
        await master.WaitForHealthyAsync();

        var metrics = await AnonymousAsync(master, "/metrics");
        var status = await AnonymousAsync(master, "/api/status");
        var jobs = await AnonymousAsync(master, "/api/jobs");

        Assert.Multiple(() =>
        {
            Assert.That(metrics, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(jobs, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    private static async Task<string> ScrapeAsync(NodeProcess node)
    {
        using var request = node.Request(HttpMethod.Get, "/metrics");
        using var response = await NodeProcess.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        return body;
    }

    private static async Task<System.Text.Json.JsonElement> PostJobAsync(NodeProcess node, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = node.Request(HttpMethod.Post, "/api/jobs", content);
        using var response = await NodeProcess.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<HttpStatusCode> AnonymousAsync(NodeProcess node, string path)
    {
        using var response = await NodeProcess.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(node.BaseAddress, path)));
        return response.StatusCode;
    }
}
