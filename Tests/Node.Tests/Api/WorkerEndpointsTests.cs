using System.Net;
using DistSys.Node.Tests.Api.Support;

namespace DistSys.Node.Tests.Api;

/// <summary>Contract tests of the seed's worker endpoints (register, heartbeat) and GET /api/workers.</summary>
public sealed class WorkerEndpointsTests : ApiServerTests
{
    [Test]
    public async Task Register_SeedBody_201WithWorkerIdThenHeartbeatAccepted()
    {
        var response = await Server.PostAsync("/api/workers/register", """{"address":"localhost:8081","max_tasks":10}""");
        var worker = await ApiServer.JsonAsync(response);
        var id = worker.GetProperty("worker_id").GetString();

        var beat = await Server.PostAsync("/api/workers/heartbeat",
            $$"""{"worker_id":"{{id}}","status":"active","active_tasks":2,"metrics":{"cpu":0.5},"timestamp":"2024-01-01T12:00:00Z"}""");
        var after = await ApiServer.JsonAsync(beat);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(id, Is.EqualTo("localhost:8081"));
            Assert.That(worker.GetProperty("max_tasks").GetInt32(), Is.EqualTo(10));
            Assert.That(beat.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.GetProperty("metrics").GetProperty("cpu").GetDouble(), Is.EqualTo(0.5));
            Assert.That(after.GetProperty("last_heartbeat").GetString(), Does.StartWith("2024-01-01T12:00:00"));
        });
    }

    [TestCase("""{"max_tasks":10}""", "address")]
    [TestCase("""{"address":"localhost"}""", "address")]
    [TestCase("""{"address":"localhost:70000"}""", "address")]
    [TestCase("""{"address":"bad host!:80"}""", "address")]
    [TestCase("""{"address":"localhost:8081","max_tasks":0}""", "max_tasks")]
    [TestCase("""{"address":"localhost:8081","max_tasks":"10"}""", "max_tasks")]
    [TestCase("""{"address":"localhost:8081","role":"x"}""", "role")]
    [TestCase("""not json""", "body")]
    public async Task Register_BadInput_400NamingTheField(string body, string field) =>
        await ApiServer.AssertErrorAsync(await Server.PostAsync("/api/workers/register", body), HttpStatusCode.BadRequest, field);

    [TestCase("""{"status":"active"}""", "worker_id")]
    [TestCase("""{"worker_id":"w\r\nx"}""", "worker_id")]
    [TestCase("""{"worker_id":"w","active_tasks":-1}""", "active_tasks")]
    [TestCase("""{"worker_id":"w","active_tasks":"2"}""", "active_tasks")]
    [TestCase("""{"worker_id":"w","metrics":[1]}""", "metrics")]
    [TestCase("""{"worker_id":"w","timestamp":"yesterday"}""", "timestamp")]
    [TestCase("""{"worker_id":"w","status":"on fire!"}""", "status")]
    public async Task Heartbeat_BadInput_400NamingTheField(string body, string field) =>
        await ApiServer.AssertErrorAsync(await Server.PostAsync("/api/workers/heartbeat", body), HttpStatusCode.BadRequest, field);

    [Test]
    public async Task Heartbeat_UnknownWorker_404() =>
        await ApiServer.AssertErrorAsync(await Server.PostAsync("/api/workers/heartbeat", """{"worker_id":"nobody"}"""),
            HttpStatusCode.NotFound, "worker_id");

    [Test]
    public async Task List_Executors_ShownActiveWithCapacity()
    {
        await Server.Harness.AllWorkersActiveAsync();

        var workers = (await ApiServer.JsonAsync(await Server.Client.GetAsync("/api/workers"))).GetProperty("workers").EnumerateArray().ToList();

        Assert.That(workers.Where(w => w.GetProperty("status").GetString() == "active").Select(w => w.GetProperty("worker_id").GetString()),
            Is.SupersetOf(new[] { "worker1", "worker2" }));
    }
}
