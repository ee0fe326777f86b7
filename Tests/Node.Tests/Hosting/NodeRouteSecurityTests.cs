using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using DistSys.Host.Api.Security;
using DistSys.Host.Hosting;
using DistSys.Host.Hosting.Settings;
using DistSys.Runtime.Distribution;
using DistSys.Transport.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using DistSys.Host;

namespace DistSys.Node.Tests.Hosting;

/// <summary>
/// A table over the node's actual route list (every service composed, diagnostics on): each route but
/// <c>GET /healthz</c> answers 401 without the token and with a wrong one, and lets the right one through.
/// A route added later is in the table without anyone editing it.
/// </summary>
public sealed partial class NodeRouteSecurityTests
{
    private const string TokenText = "route-table-token-5d1e0b";

    private ClusterNode _cluster = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _dataDir = "";

    // A group's own route ("/api/jobs" + "") keeps a trailing slash in its pattern; routing ignores it, and so does the table.
    private static IEnumerable<(string Method, string Path)> Routes(WebApplication app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, "/" + Parameter().Replace(e.RoutePattern.RawText!.Trim('/'), "x"))))
            .Distinct();

    [OneTimeSetUp]
    public async Task StartNodeAppAsync()
    {
        var port = FreePort.Next();
        var cookie = ClusterCookie.FromText("route-table-tests");
        _dataDir = Directory.CreateTempSubdirectory("distsys-routes-").FullName;
        _cluster = await ClusterNode.StartAsync(new ClusterNodeOptions { Name = "master", Role = NodeRole.Master, Port = port, Cookie = cookie });
        var settings = new NodeSettings(NodeRole.Master, "master", new DistSys.Host.Endpoint("127.0.0.1", port), null)
        {
            Cookie = cookie,
            ApiToken = ApiToken.FromText(TokenText, "the tests"),
            DataDirectory = _dataDir,
            InputDirectory = _dataDir,
            Diagnostics = true,
        };
        var context = new NodeContext(_cluster, settings, NullLoggerFactory.Instance);
        NodeComposition.AddServices(context);
        context.Freeze();
        _app = NodeHost.BuildWebApp(context);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Eventually.Liveness };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _cluster.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Test]
    public void RouteList_HasEveryServicesRoutes() =>
        Assert.That(Routes(_app).Select(r => $"{r.Method} {r.Path}"), Is.SupersetOf(new[]
        {
            "GET /healthz", "GET /api/status", "GET /api/cluster", "POST /api/jobs", "GET /api/jobs/x/results", "DELETE /api/jobs/x",
            "POST /api/workers/register", "POST /api/workers/heartbeat", "GET /api/workers", "GET /api/plugins", "GET /debug/watch",
        }));

    [Test]
    public async Task EveryRouteButHealthzAndDashboard_NoTokenOrWrongToken_401_RightTokenPasses()
    {
        var failures = new List<string>();
        foreach (var (method, path) in Routes(_app))
        {
            // The dashboard page holds no data: it asks for the token and sends it on its own API calls.
            var open = method == "GET" && path is "/healthz" or "/dashboard";
            var none = await SendAsync(method, path, null);
            var wrong = await SendAsync(method, path, "not-the-token-0123456789");
            var right = await SendAsync(method, path, TokenText);
            if (!open && (none != HttpStatusCode.Unauthorized || wrong != HttpStatusCode.Unauthorized))
            {
                failures.Add($"{method} {path}: {(int)none} without a token, {(int)wrong} with a wrong one");
            }

            if (right == HttpStatusCode.Unauthorized || (open && none == HttpStatusCode.Unauthorized))
            {
                failures.Add($"{method} {path}: 401 {(open ? "without a token (it is open)" : "with the right token")}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task UnknownRoute_NoToken_401()
    {
        Assert.That(await SendAsync("GET", "/api/no-such-route", null), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await SendAsync("GET", "/api/no-such-route", TokenText), Is.EqualTo(HttpStatusCode.NotFound));
    }

    private async Task<HttpStatusCode> SendAsync(string method, string path, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("Origin", "http://evil.example");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        Assert.That(response.Headers.Select(h => h.Key), Has.None.StartsWith("Access-Control-"), $"{method} {path} sent a CORS header");
        return response.StatusCode;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
