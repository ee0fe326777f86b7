using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DistSys.Host.Api.Security;
using DistSys.Host.Jobs;
using DistSys.Jobs.Tests.Support;

namespace DistSys.Node.Tests.Api.Support;

/// <summary>
/// The job and worker endpoints on a real Kestrel at 127.0.0.1:0 (no TestServer in the shared
/// framework) behind the node's own <see cref="ApiPipeline"/>, over a <see cref="JobHarness"/>, with an
/// HttpClient pointed at it that sends <see cref="TokenText"/>. Rate limiting is off unless a test asks:
/// the contract tests poll as fast as they can.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    public const string TokenText = "host-tests-api-token-7f3a9c";

    private readonly PipelineApp _app;

    private ApiServer(PipelineApp app, JobHarness harness)
    {
        _app = app;
        Harness = harness;
    }

    public static ApiToken Token { get; } = ApiToken.FromText(TokenText, "the tests");

    public JobHarness Harness { get; }

    /// <summary>Sends <see cref="TokenText"/> on every request.</summary>
    public HttpClient Client => _app.Client;

    /// <summary>The server's "HOST:PORT", as the client command line takes it.</summary>
    public string HostPort => $"{Client.BaseAddress!.Host}:{Client.BaseAddress.Port}";

    public static async Task<ApiServer> StartAsync(ApiLimits? limits = null)
    {
        var harness = await JobHarness.StartAsync(maxTasks: 2, operations: TestOperations.AddTo);
        var app = await PipelineApp.StartAsync(limits ?? ApiLimits.Default with { RateLimit = 0 },
            a => a.MapJobEndpoints(harness.Master).MapWorkerEndpoints(harness.Master));
        return new ApiServer(app, harness);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Client.PostAsync(path, content);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Asserts the status and the <c>{"error","detail"}</c> body, whose detail starts with the field.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), body.ToString());
            Assert.That(body.GetProperty("error").GetString(), Is.Not.Empty);
            Assert.That(body.GetProperty("detail").GetString(), Does.StartWith(field + ":").Or.Contain($"'{field}'"), body.ToString());
        });
    }

    /// <summary>Polls GET /api/jobs/{id} until its status is terminal; returns the last body.</summary>
    public async Task<JsonElement> WaitForJobAsync(string id)
    {
        JsonElement job = default;
        await Eventually.True(async () =>
        {
            job = await JsonAsync(await Client.GetAsync($"/api/jobs/{id}"));
            return job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled";
        }, $"job {id} finished");
        return job;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await Harness.DisposeAsync();
    }
}
