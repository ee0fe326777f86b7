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

    public Task<JsonElement> SubmitAsync(string name, JsonElement? config)
    {
        var body = SubmitBody(name, config);
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = content });
    }

    public Task<JsonElement> JobAsync(string id) => SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{Uri.EscapeDataString(id)}"));

    public Task<JsonElement> ResultsAsync(string id) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{Uri.EscapeDataString(id)}/results"));

    public Task<JsonElement> CancelAsync(string id) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/jobs/{Uri.EscapeDataString(id)}"));

    public Task<JsonElement> ListAsync() => SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/jobs?limit=1000"));

    public Task<JsonElement> WorkersAsync() => SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/workers"));

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request).ConfigureAwait(false);
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

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    throw new ClientException(ApiHttp.Unauthorized(master, token), (int)response.StatusCode);
                }

                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                JsonElement body;
                try
                {
                    body = JsonDocument.Parse(text).RootElement.Clone();
                }
                catch (JsonException)
                {
                    throw new ClientException($"the master at {master} answered {(int)response.StatusCode} without JSON (is it a DistSys master?)");
                }

                if (response.StatusCode is >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices)
                {
                    return body;
                }

                var detail = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("detail", out var d) ? d.GetString() : text;
                throw new ClientException(detail ?? $"HTTP {(int)response.StatusCode}", (int)response.StatusCode);
            }
        }
    }

    private static string SubmitBody(string name, JsonElement? config) => DistSys.Jobs.Operations.JsonText.Write((name, config), static (writer, s) =>
    {
        writer.WriteStartObject();
        writer.WriteString("name", s.name);
        writer.WriteString("type", "batch");
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
