using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DistSys.Node.Tests.Api.Support;

namespace DistSys.Node.Tests.Api;

/// <summary>POST /api/jobs with an Idempotency-Key: a repeat is the same job, another body under the key is refused, the key is bounded.</summary>
public sealed class IdempotencyKeyTests : ApiServerTests
{
    private const string Body = """{"name":"once","type":"batch","config":{"operation":"multiply","factor":2,"task_count":3}}""";

    [Test]
    public async Task Post_SameKeyAndBodyTwice_201Then200WithTheSameJobAndOneJobStored()
    {
        using var first = await PostAsync(Body, "key-1");
        using var repeat = await PostAsync(Body, "key-1");
        var created = await ApiServer.JsonAsync(first);
        var again = await ApiServer.JsonAsync(repeat);

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(repeat.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(again.GetProperty("job_id").GetString(), Is.EqualTo(created.GetProperty("job_id").GetString()));
            Assert.That(Server.Harness.Scalar("SELECT COUNT(*) FROM jobs WHERE idempotency_key = 'key-1'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Post_SameKeyAnotherBody_422IdempotencyKeyReused()
    {
        using var first = await PostAsync(Body, "key-2");
        using var other = await PostAsync(Body.Replace("\"factor\":2", "\"factor\":5", StringComparison.Ordinal), "key-2");
        var error = await ApiServer.JsonAsync(other);

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(error.GetProperty("error").GetString(), Is.EqualTo("idempotency_key_reused"));
        });
    }

    [Test]
    public async Task Post_DifferentKeys_TwoJobs()
    {
        using var first = await PostAsync(Body, "key-a");
        using var second = await PostAsync(Body, "key-b");

        Assert.That((await ApiServer.JsonAsync(first)).GetProperty("job_id").GetString(),
            Is.Not.EqualTo((await ApiServer.JsonAsync(second)).GetProperty("job_id").GetString()));
    }

    [TestCase("")]
    [TestCase("has space")]
    public async Task Post_MalformedKey_400NamingTheHeader(string key)
    {
        using var response = await PostAsync(Body, key);

        await ApiServer.AssertErrorAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Test]
    public async Task Post_KeyLongerThanTheLimit_400AndNoJob()
    {
        var before = Server.Harness.Scalar("SELECT COUNT(*) FROM jobs");
        using var response = await PostAsync(Body, new string('k', 129));

        await ApiServer.AssertErrorAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key");
        Assert.That(Server.Harness.Scalar("SELECT COUNT(*) FROM jobs"), Is.EqualTo(before));
    }

    private Task<HttpResponseMessage> PostAsync(string body, string key)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = content };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return Server.Client.SendAsync(request);
    }
}
