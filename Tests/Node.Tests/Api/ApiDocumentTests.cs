using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistSys.Node.Tests.Api.Support;

namespace DistSys.Node.Tests.Api;

/// <summary>
/// The request schemas of the endpoints that read their bodies by hand are records written for the document; a body
/// built from every field the schema lists (its default, else an example) must be one the endpoint takes, so the
/// document cannot name a field the endpoint would refuse.
/// </summary>
public sealed class ApiDocumentTests : ApiServerTests
{
    // A value for each documented field that has no default, and for the operation (factor is multiply's).
    private static readonly Dictionary<string, JsonNode> s_examples = new()
    {
        ["name"] = "documented",
        ["operation"] = "multiply",
        ["factor"] = 3,
        ["address"] = "localhost:8099",
        ["worker_id"] = "localhost:8099",
        ["metrics"] = new JsonObject { ["cpu"] = 0.5 },
        ["timestamp"] = "2024-01-01T12:00:00Z",
    };

    [TestCase("/api/jobs", HttpStatusCode.Created)]
    [TestCase("/api/workers/register", HttpStatusCode.Created)]
    [TestCase("/api/workers/heartbeat", HttpStatusCode.OK)]
    public async Task RequestSchema_EveryFieldFilledIn_IsTaken(string path, HttpStatusCode expected)
    {
        var document = await OpenApiDocument.FetchAsync(Server.Client);
        if (path.EndsWith("heartbeat", StringComparison.Ordinal))
        {
            // A heartbeat needs a registered worker.
            await Server.PostAsync("/api/workers/register", """{"address":"localhost:8099"}""");
        }

        var body = Fill(document, document.RequestSchema("POST", path));
        var response = await Server.PostAsync(path, body.ToJsonString());

        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{body.ToJsonString()} → {await response.Content.ReadAsStringAsync()}");
    }

    private static JsonObject Fill(OpenApiDocument document, JsonElement schema)
    {
        var body = new JsonObject();
        foreach (var property in schema.GetProperty("properties").EnumerateObject())
        {
            var resolved = document.Resolve(property.Value);
            body[property.Name] = s_examples.TryGetValue(property.Name, out var example) ? example.DeepClone()
                : resolved.TryGetProperty("default", out var given) ? JsonNode.Parse(given.GetRawText())
                : resolved.TryGetProperty("properties", out _) ? Fill(document, resolved)
                : throw new AssertionException($"no example for the documented field '{property.Name}'");
        }

        return body;
    }
}
