using System.Net;
using System.Text.Json;
using DistSys.Node.Tests.Api.Support;

namespace DistSys.Node.Tests.Api;

/// <summary>Contract tests of POST/GET/DELETE /api/jobs on a real Kestrel: the seed's fields, good and bad input.</summary>
public sealed class JobEndpointsTests : ApiServerTests
{
    [Test]
    public async Task Post_SeedMultiplyJob_201ThenCompletedWithExactProducts()
    {
        var response = await Server.PostAsync("/api/jobs",
            """{"name":"Multiplicar","type":"batch","config":{"operation":"multiply","factor":3,"task_count":5}}""");
        var created = await ApiServer.JsonAsync(response);
        var id = created.GetProperty("job_id").GetString()!;

        var job = await Server.WaitForJobAsync(id);
        var results = await ApiServer.JsonAsync(await Server.Client.GetAsync($"/api/jobs/{id}/results"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(created.GetProperty("name").GetString(), Is.EqualTo("Multiplicar"));
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"));
            Assert.That(job.GetProperty("progress").GetProperty("done").GetInt32(), Is.EqualTo(5));
            Assert.That(job.GetProperty("progress").GetProperty("total").GetInt32(), Is.EqualTo(5));
            Assert.That(job.GetProperty("duration_ms").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(results.GetProperty("result").EnumerateArray().Select(e => e.GetDouble()), Is.EqualTo(Enumerable.Range(1, 50).Select(i => 3.0 * i)));
        });
    }

    [Test]
    public async Task Results_AcceptNdjson_StreamsEveryPartInTaskOrderOneElementALine()
    {
        // 2 tasks of 2000 products each: results past the inline size, so both are part files.
        var id = await SubmitAndWaitAsync("""{"operation":"multiply","factor":2,"task_count":2,"range":{"start":1,"end":4000}}""");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{id}/results");
        request.Headers.Accept.ParseAdd("application/x-ndjson");

        using var response = await Server.Client.SendAsync(request);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var json = await ApiServer.JsonAsync(await Server.Client.GetAsync($"/api/jobs/{id}/results"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/x-ndjson"));
            Assert.That(response.Headers.GetValues("X-Result-Parts").Single(), Is.EqualTo("2"));
            Assert.That(lines.Select(double.Parse), Is.EqualTo(Enumerable.Range(1, 4000).Select(i => 2.0 * i)));
            Assert.That(json.GetProperty("result").GetArrayLength(), Is.EqualTo(4000), "without the Accept header: today's JSON");
        });
    }

    [Test]
    public async Task Results_OnePartWithARange_TheBytesAskedFor()
    {
        var id = await SubmitAndWaitAsync("""{"operation":"multiply","factor":1,"task_count":2,"range":{"start":1,"end":4000}}""");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{id}/results?part=1");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 9);

        using var response = await Server.Client.SendAsync(request);
        var unknown = await Server.Client.GetAsync($"/api/jobs/{id}/results?part=7");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(response.Content.ReadAsStringAsync().Result, Is.EqualTo("2001\n2002\n"));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
        await ApiServer.AssertErrorAsync(unknown, HttpStatusCode.NotFound, "part");
    }

    private async Task<string> SubmitAndWaitAsync(string config)
    {
        var created = await ApiServer.JsonAsync(await Server.PostAsync("/api/jobs", $$"""{"name":"parts","type":"batch","config":{{config}}}"""));
        var id = created.GetProperty("job_id").GetString()!;
        await Server.WaitForJobAsync(id);
        return id;
    }

    [Test]
    public async Task Post_NameOnly_DefaultSumOfOneToForty()
    {
        var created = await ApiServer.JsonAsync(await Server.PostAsync("/api/jobs", """{"name":"Mi Trabajo"}"""));
        var id = created.GetProperty("job_id").GetString()!;

        await Server.WaitForJobAsync(id);
        var results = await ApiServer.JsonAsync(await Server.Client.GetAsync($"/api/jobs/{id}/results"));

        Assert.That(results.GetProperty("result").GetDouble(), Is.EqualTo(820));
    }

    [TestCase("{", "body")]
    [TestCase("[1,2]", "body")]
    [TestCase("", "body")]
    [TestCase("""{"type":"batch"}""", "name")]
    [TestCase("""{"name":7}""", "name")]
    [TestCase("""{"name":"ok\nINFO forged log line"}""", "name")]
    [TestCase("""{"name":"\u001b[2Jterminal"}""", "name")]
    [TestCase("""{"name":"\u202Eexe.txt"}""", "name")]
    [TestCase("""{"name":"x","type":"streaming"}""", "type")]
    [TestCase("""{"name":"x","priority":1}""", "priority")]
    [TestCase("""{"name":"x","config":{"operation":"divide"}}""", "config.operation")]
    [TestCase("""{"name":"x","config":{"task_count":0}}""", "config.task_count")]
    [TestCase("""{"name":"x","config":{"task_count":1000001}}""", "config.task_count")]
    [TestCase("""{"name":"x","config":{"operation":"multiply","factor":"3"}}""", "config.factor")]
    [TestCase("""{"name":"x","config":{"operation":"multiply","factor":-3}}""", "config.factor")]
    [TestCase("""{"name":"x","config":{"task_timeout_ms":0}}""", "config.task_timeout_ms")]
    [TestCase("""{"name":"x","config":{"task_timeout_ms":"5s"}}""", "config.task_timeout_ms")]
    [TestCase("""{"name":"x","config":"multiply"}""", "config")]
    public async Task Post_BadInput_400NamingTheField(string body, string field) =>
        await ApiServer.AssertErrorAsync(await Server.PostAsync("/api/jobs", body), HttpStatusCode.BadRequest, field);

    [Test]
    public async Task Post_OversizedBody_400()
    {
        var body = """{"name":"big","config":{"text":" """ + new string('a', 17 << 20) + "\"}}";

        await ApiServer.AssertErrorAsync(await Server.PostAsync("/api/jobs", body), HttpStatusCode.BadRequest, "body");
    }

    [TestCase("GET", "/api/jobs/job-999999")]
    [TestCase("GET", "/api/jobs/job-999999/results")]
    [TestCase("DELETE", "/api/jobs/job-999999")]
    [TestCase("POST", "/api/jobs/job-999999/retry")]
    [TestCase("GET", "/api/jobs/nonsense")]
    public async Task UnknownJob_404(string method, string path) =>
        await ApiServer.AssertErrorAsync(await Server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)),
            HttpStatusCode.NotFound, path.Split('/')[3]);

    [Test]
    public async Task Delete_RunningJob_CancelledAndResultsRefused()
    {
        var created = await ApiServer.JsonAsync(await Server.PostAsync("/api/jobs",
            """{"name":"slow","config":{"operation":"sleep","sleep_ms":60000,"task_count":3}}"""));
        var id = created.GetProperty("job_id").GetString()!;

        var results = await Server.Client.GetAsync($"/api/jobs/{id}/results");
        var cancelled = await Server.Client.DeleteAsync($"/api/jobs/{id}");
        var again = await Server.Client.DeleteAsync($"/api/jobs/{id}");
        var job = await Server.WaitForJobAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(results.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "cancelling twice is harmless");
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        });
    }

    [Test]
    public async Task Retry_FailedJob_RunsItsUnfinishedTasksAgainToCompleted()
    {
        // plugin:flaky fails every task's first attempt: with no retries the job fails, and only a fresh
        // budget of attempts after the retry lets it complete.
        var created = await ApiServer.JsonAsync(await Server.PostAsync("/api/jobs",
            """{"name":"flaky","config":{"operation":"plugin:flaky","task_count":4,"max_retries":0}}"""));
        var id = created.GetProperty("job_id").GetString()!;
        var failed = await Server.WaitForJobAsync(id);

        var retried = await Server.Client.PostAsync($"/api/jobs/{id}/retry", null);
        var retriedBody = await ApiServer.JsonAsync(retried);
        var again = await Server.Client.PostAsync($"/api/jobs/{id}/retry", null);
        var job = await Server.WaitForJobAsync(id);
        var results = await ApiServer.JsonAsync(await Server.Client.GetAsync($"/api/jobs/{id}/results"));
        var completedRetry = await Server.Client.PostAsync($"/api/jobs/{id}/retry", null);

        Assert.Multiple(async () =>
        {
            Assert.That(failed.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.OK), retriedBody.ToString());
            Assert.That(retriedBody.GetProperty("status").GetString(), Is.EqualTo("pending"));
            Assert.That(retriedBody.GetProperty("progress").GetProperty("done").GetInt32(),
                Is.EqualTo(failed.GetProperty("progress").GetProperty("done").GetInt32()), "tasks completed before the failure are kept");
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a retried job is not failed any more");
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"), job.ToString());
            Assert.That(job.GetProperty("progress").GetProperty("done").GetInt32(), Is.EqualTo(4), "each task counted once");
            Assert.That(results.GetProperty("result").ToString(), Does.Contain("0").And.Contain("3"), results.ToString());
            await ApiServer.AssertErrorAsync(completedRetry, HttpStatusCode.Conflict, id);
        });
    }

    [Test]
    public async Task List_Paged_NewestFirstWithTotal()
    {
        for (var i = 0; i < 3; i++)
        {
            await Server.PostAsync("/api/jobs", $$"""{"name":"page{{i}}"}""");
        }

        var page = await ApiServer.JsonAsync(await Server.Client.GetAsync("/api/jobs?limit=2"));
        var jobs = page.GetProperty("jobs").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(jobs, Has.Count.EqualTo(2));
            Assert.That(jobs[0].GetProperty("name").GetString(), Is.EqualTo("page2"));
            Assert.That(page.GetProperty("total").GetInt32(), Is.GreaterThanOrEqualTo(3));
            Assert.That(page.GetProperty("limit").GetInt32(), Is.EqualTo(2));
        });
    }

    [TestCase("offset=-1", "offset")]
    [TestCase("offset=abc", "offset")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=1001", "limit")]
    [TestCase("status=sleeping", "status")]
    public async Task List_BadQuery_400NamingTheParameter(string query, string field) =>
        await ApiServer.AssertErrorAsync(await Server.Client.GetAsync($"/api/jobs?{query}"), HttpStatusCode.BadRequest, field);
}
