using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DistSys.Node.Tests.Api.Support;

namespace DistSys.Node.Tests.Api.Security;

/// <summary>Every JSON endpoint of the master refuses what a browser can send cross-origin, duplicate keys and text that is not Unicode.</summary>
public sealed class JsonHygieneTests : ApiServerTests
{
    private static readonly string[] JsonEndpoints = ["/api/jobs", "/api/workers/register", "/api/workers/heartbeat"];

    [TestCaseSource(nameof(JsonEndpoints))]
    public async Task Post_TextPlain_415(string path) =>
        await AssertUnsupportedAsync(await Server.Client.PostAsync(path, new StringContent("""{"name":"x"}""", Encoding.UTF8, "text/plain")));

    [TestCaseSource(nameof(JsonEndpoints))]
    public async Task Post_Form_415(string path) =>
        await AssertUnsupportedAsync(await Server.Client.PostAsync(path, new FormUrlEncodedContent([KeyValuePair.Create("name", "x")])));

    [TestCaseSource(nameof(JsonEndpoints))]
    public async Task Post_Multipart_415(string path) =>
        await AssertUnsupportedAsync(await Server.Client.PostAsync(path, new MultipartFormDataContent { { new StringContent("{}"), "name" } }));

    [TestCaseSource(nameof(JsonEndpoints))]
    public async Task Post_BodyWithoutContentType_415(string path)
    {
        var content = new ByteArrayContent("""{"name":"x"}"""u8.ToArray());
        content.Headers.ContentType = null;

        await AssertUnsupportedAsync(await Server.Client.PostAsync(path, content));
    }

    [Test]
    public async Task Post_JsonWithCharset_Accepted()
    {
        var content = new StringContent("""{"name":"charset"}""", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        Assert.That((await Server.Client.PostAsync("/api/jobs", content)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [TestCase("/api/jobs", """{"name":"a","name":"b"}""")]
    [TestCase("/api/jobs", """{"name":"a","\u006eame":"b"}""")]
    [TestCase("/api/jobs", """{"name":"a","config":{"operation":"sum","operation":"multiply"}}""")]
    [TestCase("/api/jobs", """{"name":"a","config":{"range":{"start":1,"start":2,"end":3}}}""")]
    [TestCase("/api/workers/register", """{"address":"localhost:8081","address":"localhost:8082"}""")]
    [TestCase("/api/workers/heartbeat", """{"worker_id":"w","metrics":{"cpu":1,"cpu":2}}""")]
    public async Task Post_DuplicateKey_400InvalidJson(string path, string body) =>
        await AssertInvalidJsonAsync(await Server.PostAsync(path, body));

    [TestCase("/api/jobs", """{"name":"\ud800"}""")]
    [TestCase("/api/jobs", """{"name":"x","config":{"operation":"wordcount","text":"a \udc00 b"}}""")]
    [TestCase("/api/jobs", """{"\ud800":1}""")]
    [TestCase("/api/workers/heartbeat", """{"worker_id":"\ud83d"}""")]
    [TestCase("/api/workers/register", """{"address":"localhost:8081\ud800"}""")]
    public async Task Post_LoneSurrogate_400NotA500(string path, string body) =>
        await AssertInvalidJsonAsync(await Server.PostAsync(path, body));

    [Test]
    public async Task Post_InvalidUtf8Bytes_400()
    {
        var content = new ByteArrayContent([.. """{"name":" """u8, 0xED, 0xA0, 0x80, .. "\"}"u8]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await AssertInvalidJsonAsync(await Server.Client.PostAsync("/api/jobs", content));
    }

    [Test]
    public async Task Post_SurrogatePair_IsValidText()
    {
        var response = await Server.PostAsync("/api/jobs", """{"name":"smile \ud83d\ude00"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertUnsupportedAsync(HttpResponseMessage response)
    {
        var body = await ApiServer.JsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), body.ToString());
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("unsupported_media_type"));
        Assert.That(body.GetProperty("detail").GetString(), Does.Contain("application/json"));
    }

    private static async Task AssertInvalidJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(text, Does.Contain("\"error\":\"invalid_json\"").And.Not.Contain(" at "), "no stack trace");
    }
}
