using System.Text.Json;

namespace DistSys.Node.Tests.Api.Support;

/// <summary>Reading a fetched GET /openapi/v1.json: its operations, and schemas with their <c>$ref</c>s followed.</summary>
internal sealed class OpenApiDocument(JsonElement root)
{
    private static readonly string[] s_methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    public JsonElement Root { get; } = root;

    public static async Task<OpenApiDocument> FetchAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        return new OpenApiDocument(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>Every operation as ("POST", "/api/jobs", operation).</summary>
    public IEnumerable<(string Method, string Path, JsonElement Operation)> Operations() =>
        Root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(op => s_methods.Contains(op.Name))
            .Select(op => (op.Name.ToUpperInvariant(), path.Name, op.Value)));

    public JsonElement Operation(string method, string path) =>
        Root.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());

    /// <summary>The JSON request body's schema, resolved.</summary>
    public JsonElement RequestSchema(string method, string path) =>
        Resolve(Operation(method, path).GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));

    /// <summary>The JSON answer's schema for one status, resolved.</summary>
    public JsonElement ResponseSchema(string method, string path, int status) =>
        Resolve(Operation(method, path).GetProperty("responses").GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .GetProperty("content").GetProperty("application/json").GetProperty("schema"));

    /// <summary>A schema with its <c>$ref</c> followed, and a nullable one (<c>oneOf</c> null or a schema) taken as the schema.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/components/schemas/".Length..];
            return Resolve(Root.GetProperty("components").GetProperty("schemas").GetProperty(name));
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            return Resolve(oneOf.EnumerateArray().Single(s => !(s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")));
        }

        return schema;
    }

    /// <summary>The property names of an object schema.</summary>
    public static IEnumerable<string> Properties(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name) : [];

    public JsonElement Property(JsonElement schema, string name) => Resolve(schema.GetProperty("properties").GetProperty(name));
}
