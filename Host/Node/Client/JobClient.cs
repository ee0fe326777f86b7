using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using DistSys.Host.Api.Security;

namespace DistSys.Host.Client;

/// <summary>
/// The REST calls the client makes. Every failure becomes a <see cref="ClientException"/> with one
/// line for the user: the master cannot be reached, or the API's own <c>{"error","detail"}</c>.
/// Given several masters (a shared store's leader and standbys, docs/ha.md), a request that finds one
/// unreachable, silent or answering 503 (a standby, or a leader still taking over) goes to the next,
/// round after round, for up to <see cref="FailoverTimeout"/>; the one that answers is asked first next
/// time. A submit carries an <c>Idempotency-Key</c>, the same on every try, so it creates one job at most.
/// </summary>
internal sealed class JobClient : IDisposable
{
    /// <summary>How long a request goes round several masters before it fails (a takeover takes a few seconds).</summary>
    public static readonly TimeSpan FailoverTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RoundPause = TimeSpan.FromMilliseconds(250);

    private readonly Endpoint[] _masters;
    private readonly HttpClient[] _http;
    private readonly ApiToken? _token;
    private int _current;

    public JobClient(IReadOnlyList<Endpoint> masters, ApiToken? token, X509Certificate2Collection? authorities = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(masters.Count);
        _masters = [.. masters];
        _http = [.. _masters.Select(m => ApiHttp.Create(m, token, TimeSpan.FromSeconds(30), authorities))];
        _token = token;
    }

    private Endpoint Master => _masters[_current];

    public Task<JsonElement> SubmitAsync(string name, JsonElement? config, string type = "batch")
    {
        var body = SubmitBody(name, config, type);

        // Streaming submits take no key (docs/api.md): a retry of one may start a second topology.
        var key = type == "batch" ? Guid.NewGuid().ToString("N") : null;
        return SendAsync(() =>
        {
            var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var request = new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = content };
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            }

            return request;
        });
    }

    public Task<JsonElement> JobAsync(string id) => SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{Uri.EscapeDataString(id)}"));

    public Task<JsonElement> ResultsAsync(string id) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{Uri.EscapeDataString(id)}/results"));

    public Task<JsonElement> CancelAsync(string id) => SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, $"api/jobs/{Uri.EscapeDataString(id)}"));

    public Task<JsonElement> RetryAsync(string id) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"api/jobs/{Uri.EscapeDataString(id)}/retry"));

    public Task<JsonElement> ListAsync() => SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/jobs?limit=1000"));

    public Task<JsonElement> WorkersAsync() => SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/workers"));

    public Task<JsonElement> StatusAsync() => SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/status"));

    /// <summary>One page of a collect sink: its NDJSON lines and the offset to read next.</summary>
    public async Task<(string[] Lines, long Next)> SinkAsync(string id, string node, long from, int limit)
    {
        using var response = await SendCoreAsync(() => new HttpRequestMessage(HttpMethod.Get,
            $"api/streams/{Uri.EscapeDataString(id)}/sinks/{Uri.EscapeDataString(node)}?from={from}&limit={limit}"), HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response).ConfigureAwait(false);
        }

        var next = response.Headers.TryGetValues("X-Next-Offset", out var values) && long.TryParse(values.First(), out var n) ? n : from;
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return (text.Split('\n', StringSplitOptions.RemoveEmptyEntries), next);
    }

    public void Dispose()
    {
        foreach (var http in _http)
        {
            http.Dispose();
        }
    }

    /// <summary>
    /// Streams the job's result as NDJSON (part after part) into <paramref name="destination"/>,
    /// reporting the bytes written so far; returns their total. Nothing of it is held in memory.
    /// </summary>
    public async Task<long> DownloadResultsAsync(string id, Stream destination, Action<long> progress)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(progress);
        using var response = await SendCoreAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{Uri.EscapeDataString(id)}/results");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
            return request;
        }, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response).ConfigureAwait(false);
        }

        await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        try
        {
            while ((read = await body.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                total += read;
                progress(total);
            }
        }
        catch (HttpIOException ex)
        {
            throw new ClientException($"the master at {Master} broke off the results after {total} bytes: {ex.Message}");
        }

        return total;
    }

    private async Task<JsonElement> SendAsync(Func<HttpRequestMessage> create)
    {
        using var response = await SendCoreAsync(create, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response).ConfigureAwait(false);
        }

        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new ClientException($"the master at {Master} answered {(int)response.StatusCode} without JSON (is it a DistSys master?)");
        }
    }

    /// <summary>One master: one try. Several: round after round over them until one that leads answers, or <see cref="FailoverTimeout"/> passes.</summary>
    private async Task<HttpResponseMessage> SendCoreAsync(Func<HttpRequestMessage> create, HttpCompletionOption completion)
    {
        var deadline = DateTime.UtcNow + FailoverTimeout;
        for (var tried = 1; ; tried++)
        {
            var index = _current;
            ClientException failure;
            using (var request = create())
            {
                try
                {
                    var response = await _http[index].SendAsync(request, completion).ConfigureAwait(false);
                    if (_masters.Length == 1 || response.StatusCode != HttpStatusCode.ServiceUnavailable)
                    {
                        return response;
                    }

                    failure = await FailureAsync(response).ConfigureAwait(false);
                    response.Dispose();
                }
                catch (HttpRequestException ex)
                {
                    failure = new ClientException($"cannot reach the master at {_masters[index]}: {ex.HttpRequestError switch
                    {
                        HttpRequestError.ConnectionError => ex.InnerException?.Message ?? ex.Message,
                        _ => ex.Message,
                    }}");
                }
                catch (TaskCanceledException)
                {
                    failure = new ClientException($"the master at {_masters[index]} did not answer within {_http[index].Timeout.TotalSeconds:0} s");
                }
            }

            if (_masters.Length == 1)
            {
                throw failure;
            }

            _current = (index + 1) % _masters.Length;
            if (tried % _masters.Length == 0)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new ClientException($"no master of {string.Join(',', _masters)} answered as the leader within {FailoverTimeout.TotalSeconds:0} s; last: {failure.Message}", failure.Status);
                }

                await Task.Delay(RoundPause).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A refusal as the user reads it: the API's own <c>detail</c>, or what the answer was.</summary>
    private async Task<ClientException> FailureAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return new ClientException(ApiHttp.Unauthorized(Master, _token), (int)response.StatusCode);
        }

        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        try
        {
            using var body = JsonDocument.Parse(text);
            var detail = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : text;
            return new ClientException(detail ?? $"HTTP {(int)response.StatusCode}", (int)response.StatusCode);
        }
        catch (JsonException)
        {
            return new ClientException($"the master at {Master} answered {(int)response.StatusCode} without JSON (is it a DistSys master?)");
        }
    }

    private static string SubmitBody(string name, JsonElement? config, string type) => DistSys.Jobs.Operations.JsonText.Write((name, config, type), static (writer, s) =>
    {
        writer.WriteStartObject();
        writer.WriteString("name", s.name);
        writer.WriteString("type", s.type);
        if (s.config is { } c)
        {
            writer.WritePropertyName("config");
            c.WriteTo(writer);
        }

        writer.WriteEndObject();
    });
}

/// <summary>A client failure with the one line to print; <see cref="Status"/> is the HTTP status when the master answered.</summary>
internal sealed class ClientException(string message, int? status = null) : Exception(message)
{
    public int? Status { get; } = status;
}
