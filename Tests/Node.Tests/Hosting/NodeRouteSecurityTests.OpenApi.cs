using System.Net;
using DistSys.Host.Api;
using DistSys.Node.Tests.Api.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DistSys.Node.Tests.Hosting;

/// <summary>
/// The same route list against <c>GET /openapi/v1.json</c>: every mapped route is in the document and nothing else
/// is, each operation is named and answers with schemas, every error is the one error body, the bearer scheme
/// covers every operation but <c>GET /healthz</c>, and the seed's endpoints carry the seed's field names.
/// </summary>
public sealed partial class NodeRouteSecurityTests
{
    private OpenApiDocument? _document;

    private async Task<OpenApiDocument> DocumentAsync()
    {
        if (_document is null)
        {
            using var authorized = new HttpClient { BaseAddress = _http.BaseAddress, Timeout = Eventually.Liveness };
            authorized.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TokenText);
            _document = await OpenApiDocument.FetchAsync(authorized);
        }

        return _document;
    }

    // The node's routes with their parameters as the document writes them ("GET /api/jobs/{id}"), the document's own aside.
    private IEnumerable<string> DescribedRoutes() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText != ApiDocument.Path && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(method => $"{method} /{e.RoutePattern.RawText!.Trim('/')}"))
            .Distinct();

    [Test]
    public async Task OpenApi_NoToken_401()
    {
        Assert.That(await SendAsync("GET", ApiDocument.Path, null), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await SendAsync("GET", ApiDocument.Path, TokenText), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task OpenApi_DescribesEveryMappedRoute_AndNoOther()
    {
        var document = await DocumentAsync();
        var described = document.Operations().Select(o => $"{o.Method} {o.Path}").ToList();

        Assert.That(described, Is.EquivalentTo(DescribedRoutes()));
        Assert.That(described, Does.Contain("GET /debug/watch"), "diagnostics are on in this node, so they are described");
    }

    [Test]
    public async Task OpenApi_EveryOperation_NamedTaggedWithJsonAnswersAndTheOneErrorBody()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        foreach (var (method, path, operation) in document.Operations())
        {
            var name = $"{method} {path}";
            if (!operation.TryGetProperty("operationId", out _) || !operation.TryGetProperty("summary", out _))
            {
                failures.Add($"{name}: no operationId or summary");
            }

            if (!operation.TryGetProperty("tags", out var tags) || tags.EnumerateArray().Any(t => t.GetString() == "distributed_system"))
            {
                failures.Add($"{name}: not in a tag of its own");
            }

            foreach (var answer in operation.GetProperty("responses").EnumerateObject())
            {
                var status = int.Parse(answer.Name, System.Globalization.CultureInfo.InvariantCulture);
                if (status == StatusCodes.Status204NoContent)
                {
                    continue;
                }

                if (!answer.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var json))
                {
                    failures.Add($"{name} {status}: no JSON body");
                    continue;
                }

                var reference = json.GetProperty("schema").TryGetProperty("$ref", out var r) ? r.GetString() : null;
                if (status >= 400 && reference != "#/components/schemas/ApiError")
                {
                    failures.Add($"{name} {status}: not the error body but {reference}");
                }
            }

            if (!operation.GetProperty("responses").EnumerateObject().Any(a => a.Name.StartsWith('2')))
            {
                failures.Add($"{name}: no success answer");
            }
        }

        Assert.That(failures, Is.Empty);
        Assert.That(OpenApiDocument.Properties(document.Resolve(document.Root.GetProperty("components").GetProperty("schemas").GetProperty("ApiError"))),
            Is.EqualTo(new[] { "error", "detail" }));
    }

    [Test]
    public async Task OpenApi_BearerScheme_OnEveryOperationButHealthz()
    {
        var document = await DocumentAsync();
        var scheme = document.Root.GetProperty("components").GetProperty("securitySchemes").GetProperty(ApiDocument.SecurityScheme);
        var required = document.Root.GetProperty("security").EnumerateArray().Single();
        var open = document.Operations().Where(o => o.Operation.TryGetProperty("security", out var s) && s.GetArrayLength() == 0)
            .Select(o => $"{o.Method} {o.Path}");
        var without401 = document.Operations().Where(o => !o.Operation.GetProperty("responses").TryGetProperty("401", out _))
            .Select(o => $"{o.Method} {o.Path}");

        Assert.Multiple(() =>
        {
            Assert.That(scheme.GetProperty("type").GetString(), Is.EqualTo("http"));
            Assert.That(scheme.GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
            Assert.That(required.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { ApiDocument.SecurityScheme }));
            Assert.That(open, Is.EqualTo(new[] { "GET /healthz" }));
            Assert.That(without401, Is.EqualTo(new[] { "GET /healthz" }));
        });
    }

    [Test]
    public async Task OpenApi_SeedEndpoints_CarryTheSeedsFieldNames()
    {
        var document = await DocumentAsync();
        var submit = document.RequestSchema("POST", "/api/jobs");
        var registration = document.RequestSchema("POST", "/api/workers/register");
        var heartbeat = document.RequestSchema("POST", "/api/workers/heartbeat");

        Assert.Multiple(() =>
        {
            // The seed's bodies are the whole of what these endpoints take.
            Assert.That(OpenApiDocument.Properties(submit), Is.EqualTo(new[] { "name", "type", "config" }));
            Assert.That(OpenApiDocument.Properties(document.Property(submit, "config")), Is.SupersetOf(new[] { "operation", "factor", "task_count" }));
            Assert.That(OpenApiDocument.Properties(registration), Is.EqualTo(new[] { "address", "max_tasks" }));
            Assert.That(OpenApiDocument.Properties(heartbeat), Is.EqualTo(new[] { "worker_id", "status", "active_tasks", "metrics", "timestamp" }));
            Assert.That(OpenApiDocument.Properties(document.ResponseSchema("POST", "/api/jobs", StatusCodes.Status201Created)), Does.Contain("job_id"));
            Assert.That(OpenApiDocument.Properties(document.ResponseSchema("GET", "/api/jobs/{id}", StatusCodes.Status200OK)),
                Is.SupersetOf(new[] { "job_id", "name", "status", "progress" }));
            Assert.That(OpenApiDocument.Properties(document.ResponseSchema("POST", "/api/workers/register", StatusCodes.Status201Created)), Does.Contain("worker_id"));
            Assert.That(OpenApiDocument.Properties(document.ResponseSchema("GET", "/api/status", StatusCodes.Status200OK)),
                Is.SupersetOf(new[] { "node", "role", "status" }));
        });
    }
}
