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
/// </summary>
internal sealed class JobClient(Endpoint master, ApiToken? token, X509Certificate2Collection? authorities = null) : IDisposable
{
    private readonly HttpClient _http = ApiHttp.Create(master, token, TimeSpan.FromSeconds(30), authorities);

    public Task<JsonElement> SubmitAsync(string name, JsonElement? config, string type = "batch")
    {
        var body = SubmitBody(name, config, type);
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = content });
    }

    public Task<JsonElement> JobAsync(string id) => SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{Uri.EscapeDataString(id)}"));

    public Task<JsonElement> ResultsAsync(string id) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{Uri.EscapeDataString(id)}/results"));

    public Task<JsonElement> CancelAsync(string id) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/jobs/{Uri.EscapeDataString(id)}"));

    public Task<JsonElement> RetryAsync(string id) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/jobs/{Uri.EscapeDataString(id)}/retry"));

    public Task<JsonElement> ListAsync() => SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/jobs?limit=1000"));

    public Task<JsonElement> WorkersAsync() => SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/workers"));

    /// <summary>One page of a collect sink: its NDJSON lines and the offset to read next.</summary>
    public async Task<(string[] Lines, long Next)> SinkAsync(string id, string node, long from, int limit)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"api/streams/{Uri.EscapeDataString(id)}/sinks/{Uri.EscapeDataString(node)}?from={from}&limit={limit}");
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response).ConfigureAwait(false);
        }

        var next = response.Headers.TryGetValues("X-Next-Offset", out var values) && long.TryParse(values.First(), out var n) ? n : from;
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return (text.Split('\n', StringSplitOptions.RemoveEmptyEntries), next);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Streams the job's result as NDJSON (part after part) into <paramref name="destination"/>,
    /// reporting the bytes written so far; returns their total. Nothing of it is held in memory.
    /// </summary>
    public async Task<long> DownloadResultsAsync(string id, Stream destination, Action<long> progress)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(progress);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{Uri.EscapeDataString(id)}/results");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
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
            throw new ClientException($"the master at {master} broke off the results after {total} bytes: {ex.Message}");
        }

        return total;
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
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
                throw new ClientException($"the master at {master} answered {(int)response.StatusCode} without JSON (is it a DistSys master?)");
            }
        }
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, HttpCompletionOption completion)
    {
        try
        {
            return await _http.SendAsync(request, completion).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ClientException($"cannot reach the master at {master}: {ex.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => ex.InnerException?.Message ?? ex.Message,
                _ => ex.Message,
            }}");
        }
        catch (TaskCanceledException)
        {
            throw new ClientException($"the master at {master} did not answer within {_http.Timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>A refusal as the user reads it: the API's own <c>detail</c>, or what the answer was.</summary>
    private async Task<ClientException> FailureAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return new ClientException(ApiHttp.Unauthorized(master, token), (int)response.StatusCode);
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
            return new ClientException($"the master at {master} answered {(int)response.StatusCode} without JSON (is it a DistSys master?)");
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
