using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace DistSys.Tests.Shared;

internal sealed partial class NodeProcess
{
    // Between checks of a polled HTTP condition: each check is a request to another process, so a
    // tighter loop would only take CPU from the nodes being started on a 2-core machine.
    private static readonly TimeSpan HttpPollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly HttpClient Loopback = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The client that reaches this node: the shared loopback one, or its network's.</summary>
    private HttpClient Http => Network?.Http ?? Loopback;

    public Uri BaseAddress => new($"http://{Network?.Address ?? "127.0.0.1"}:{Port}");

    /// <summary>Waits until <c>GET /healthz</c> answers 200; fails with the node's output if it exits first.</summary>
    public Task WaitForHealthyAsync(TimeSpan? deadline = null) =>
        WaitUntilAsync(async () => await TryGetStatusAsync("/healthz").ConfigureAwait(false) == HttpStatusCode.OK,
            $"'{Name}' answers GET /healthz with 200", deadline);

    /// <summary>GETs <paramref name="path"/> and parses the JSON body; fails unless the status is 2xx.</summary>
    public Task<JsonElement> GetJsonAsync(string path) => SendJsonAsync(HttpMethod.Get, path);

    public async Task<JsonElement> SendJsonAsync(HttpMethod method, string path)
    {
        using var request = Request(method, path);
        using var response = await Http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{method} {path} on '{Name}' answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A request to this node carrying its <see cref="ApiToken"/> (when it has one).</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseAddress, path)) { Content = content };
        if (ApiToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
        }

        return request;
    }

    /// <summary>Sends <paramref name="request"/> with the shared loopback client.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Loopback.SendAsync(request);

    /// <summary>The status code of <c>GET path</c> (with the token), or null when nothing answers (not listening yet, gone, or too slow to answer).</summary>
    public async Task<HttpStatusCode?> TryGetStatusAsync(string path)
    {
        try
        {
            using var request = Request(HttpMethod.Get, path);
            using var response = await Http.SendAsync(request).ConfigureAwait(false);
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; fails naming <paramref name="what"/>, with this node's
    /// output, at the deadline or as soon as the process has exited without the condition holding.
    /// </summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Eventually.Liveness);
        while (!await condition().ConfigureAwait(false))
        {
            if (HasExited)
            {
                Assert.Fail($"'{Name}' exited with {Exited.Result} before {what}. Output:\n{Output}");
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"timed out waiting until {what}. Output of '{Name}':\n{Output}");
            }

            await Task.Delay(HttpPollInterval).ConfigureAwait(false);
        }
    }
}
