using System.Net;
using DistSys.Host.Api.Security;
using DistSys.Node.Tests.Api.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DistSys.Node.Tests.Api.Security;

/// <summary>The pipeline's own answers: 500 without internals, 429 with Retry-After, allowed hosts, and never a CORS header.</summary>
public sealed class ApiPipelineTests
{
    [Test]
    public async Task Bug_500InternalWithoutTheExceptionText()
    {
        await using var app = await PipelineApp.StartAsync(ApiLimits.Default, a => a.MapGet("/boom", IResult () => throw new InvalidOperationException("secret internals")));

        var response = await app.Client.GetAsync("/boom");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(text, Does.StartWith("""{"error":"internal","detail":"""));
            Assert.That(text, Does.Not.Contain("secret internals").And.Not.Contain("InvalidOperationException").And.Not.Contain(" at "));
        });
    }

    [Test]
    public async Task RateLimitReached_429WithRetryAfter_HealthzNeverLimited()
    {
        await using var app = await PipelineApp.StartAsync(ApiLimits.Default with { RateLimit = 2 }, a =>
        {
            a.MapGet("/api/thing", () => "ok");
            a.MapGet("/healthz", () => "ready").OpenToAnyone();
        });

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++)
        {
            statuses.Add(await app.Client.GetAsync("/api/thing"));
        }

        var limited = statuses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        var body = await ApiServer.JsonAsync(limited);
        var health = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            health.Add((await app.Client.GetAsync("/healthz")).StatusCode);
        }

        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("rate_limited"));
            Assert.That(limited.Headers.RetryAfter?.Delta, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(health, Is.All.EqualTo(HttpStatusCode.OK), "readiness probes are never throttled");
        });
    }

    [Test]
    public async Task RateLimitZero_IsOff()
    {
        await using var app = await PipelineApp.StartAsync(ApiLimits.Default with { RateLimit = 0 }, a => a.MapGet("/api/thing", () => "ok"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            statuses.Add((await app.Client.GetAsync("/api/thing")).StatusCode);
        }

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("node.example", HttpStatusCode.OK)]
    [TestCase("a.cluster.example", HttpStatusCode.OK)]
    [TestCase("evil.example", HttpStatusCode.BadRequest)]
    [TestCase("127.0.0.1", HttpStatusCode.BadRequest)]
    public async Task AllowedHosts_OtherHostHeader_400InvalidHost(string host, HttpStatusCode expected)
    {
        await using var app = await PipelineApp.StartAsync(ApiLimits.Default with { AllowedHosts = ["node.example", "*.cluster.example"] },
            a => a.MapGet("/api/thing", () => "ok"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/thing");
        request.Headers.Host = $"{host}:8080";

        var response = await app.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(expected));
        if (expected != HttpStatusCode.OK)
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"error\":\"invalid_host\""));
        }
    }

    [Test]
    public async Task CorsPreflightAndCrossOriginRequests_NoAccessControlHeaders()
    {
        await using var app = await PipelineApp.StartAsync(ApiLimits.Default, a => a.MapPost("/api/thing", () => "ok"));
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/thing");
        preflight.Headers.Add("Origin", "http://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        preflight.Headers.Authorization = null;
        using var anonymous = new HttpClient { BaseAddress = app.Client.BaseAddress };

        var answer = await anonymous.SendAsync(preflight);
        using var crossOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/thing");
        crossOrigin.Headers.Add("Origin", "http://evil.example");
        var authorized = await app.Client.SendAsync(crossOrigin);

        Assert.Multiple(() =>
        {
            Assert.That((int)answer.StatusCode, Is.Not.InRange(200, 299), "a preflight is never approved");
            Assert.That(answer.Headers.Select(h => h.Key), Has.None.StartsWith("Access-Control-"));
            Assert.That(authorized.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(authorized.Headers.Select(h => h.Key), Has.None.StartsWith("Access-Control-"));
        });
    }

    [Test]
    public async Task EndpointDeclaringOctetStream_AcceptsItAndRefusesJson()
    {
        await using var app = await PipelineApp.StartAsync(ApiLimits.Default, a =>
            a.MapPost("/api/upload", async (HttpRequest request) => (await new StreamReader(request.Body).ReadToEndAsync()).Length)
                .Accepts<byte[]>("application/octet-stream"));

        var upload = await app.Client.PostAsync("/api/upload", new ByteArrayContent([1, 2, 3]) { Headers = { ContentType = new("application/octet-stream") } });
        var json = await app.Client.PostAsync("/api/upload", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [Test]
    public async Task WrongOrMissingToken_401_NeverEchoesIt()
    {
        await using var app = await PipelineApp.StartAsync(ApiLimits.Default, a => a.MapGet("/api/thing", () => "ok"));
        using var anonymous = new HttpClient { BaseAddress = app.Client.BaseAddress };
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/thing") { Headers = { Authorization = new("Bearer", "guessed-token-0123456789") } };
        using var unknownRoute = new HttpRequestMessage(HttpMethod.Get, "/api/nothing-here");

        var missing = await anonymous.GetAsync("/api/thing");
        var refused = await anonymous.SendAsync(wrong);
        var unknown = await anonymous.SendAsync(unknownRoute);

        Assert.Multiple(async () =>
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "no token, no map of the routes");
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.StartWith("""{"error":"unauthorized","detail":""").And.Not.Contain("guessed"));
            Assert.That(refused.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        });
    }

    [Test]
    public void Token_Matches_OnlyTheSameText()
    {
        var token = ApiToken.FromText("the-right-token-0123", "test");

        Assert.Multiple(() =>
        {
            Assert.That(token.Matches("the-right-token-0123"), Is.True);
            Assert.That(token.Matches("the-right-token-0124"), Is.False);
            Assert.That(token.Matches("the-right-token-01234"), Is.False);
            Assert.That(token.Matches(""), Is.False);
            Assert.That(token.ToString(), Does.Not.Contain("the-right"));
            Assert.Throws<ArgumentException>(() => ApiToken.FromText("short", "test"));
            Assert.Throws<ArgumentException>(() => ApiToken.FromText("has a space in the middle", "test"));
        });
    }
}
