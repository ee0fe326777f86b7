using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DistSys.Host.Api.Security;
using DistSys.Host.Cli;
using DistSys.Jobs.Operations;
using DistSys.Host.Plugins;
using DistSys.Plugins.Store;
using DistSys.Plugins.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using DistSys.Host;

namespace DistSys.Node.Tests.Plugins;

/// <summary>/api/plugins on a real Kestrel at 127.0.0.1:0 behind the node's API pipeline, and the `plugin` command against it.</summary>
public sealed partial class PluginEndpointsTests : PluginFixture
{
    private const string Token = "plugin-tests-api-token-41c2";

    private readonly OperationRegistry _jobOperations = OperationRegistry.CreateDefault();
    private WebApplication? _app;
    private HttpClient? _http;

    [TearDown]
    public async Task StopApp()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Test]
    public async Task Endpoints_DeployListRollbackStop_AnswerWithTheManagersState()
    {
        var http = await StartAsync();

        var deployed = await http.PostAsJsonAsync("api/plugins", new { name = "echo", version = "1", path = InPluginDir() });
        Assert.That(deployed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await deployed.Content.ReadAsStringAsync());
        using var list = JsonDocument.Parse(await http.GetStringAsync("api/plugins"));
        var plugin = list.RootElement.GetProperty("plugins")[0];
        Assert.That(plugin.GetProperty("name").GetString(), Is.EqualTo("echo"));
        Assert.That(plugin.GetProperty("state").GetString(), Is.EqualTo("running"));
        Assert.That(plugin.GetProperty("process_id").GetInt32(), Is.GreaterThan(0));
        Assert.That(_jobOperations.TryGet("plugin:echo", out _), Is.True, "jobs may name the active plugin");

        var rollback = await http.PostAsync("api/plugins/echo/rollback", null);
        Assert.That(rollback.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await rollback.Content.ReadAsStringAsync(), Does.Contain("no_previous_version"));
        Assert.That((await http.DeleteAsync("api/plugins/echo")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(_jobOperations.TryGet("plugin:echo", out _), Is.False, "withdrawn from jobs when stopped");
        Assert.That((await http.DeleteAsync("api/plugins/echo")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Endpoints_BeforeTheManagerStarted_503NotReady()
    {
        var http = await StartAsync(withManager: false);

        var response = await http.GetAsync("api/plugins");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("not_ready"));
    }

    [TestCase("""{"name":"echo","version":"1"}""", "invalid_request")]
    [TestCase("""{"name":"echo","version":"1","path":"relative.dll"}""", "invalid_path")]
    [TestCase("""{"name":"echo","version":"1","path":"/bin/sh"}""", "invalid_path")]
    [TestCase("""{"name":"echo","version":"1","path":"../../../../bin/sh"}""", "invalid_path")]
    [TestCase("""{"name":"echo","version":"1","path":"echo"}""", "invalid_path")]
    [TestCase("""{"name":"bad name!","version":"1","path":"/bin/sh"}""", "invalid_request")]
    [TestCase("""{"name":""", "invalid_json")]
    [TestCase("""{"name":"echo","version":"1","path":"/""" + "PADDING" + "\"}", "body_too_large")]
    public async Task Deploy_BadRequest_400WithTheErrorBody(string body, string error)
    {
        var http = await StartAsync();
        InPluginDir();

        var response = await http.PostAsync("api/plugins", new StringContent(body.Replace("PADDING", new string('a', 20_000), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"\"error\":\"{error}\""));
    }

    [Test]
    public async Task PluginCommand_DeployListStopAgainstTheNode_ExitCodeZero()
    {
        await StartAsync();
        var node = $"127.0.0.1:{_http!.BaseAddress!.Port}";

        Assert.That(Run("plugin", node, "deploy", "echo", "1", ExamplePlugins.Echo(WorkRoot).Path), Is.EqualTo(ExitCodes.Ok));
        Assert.That(Manager.List().Single().Version, Is.EqualTo("1"));
        Assert.That(Run("plugin", node, "list"), Is.EqualTo(ExitCodes.Ok));
        Assert.That(Run("plugin", node, "rollback", "echo"), Is.EqualTo(ExitCodes.Failure), "nothing to roll back to");
        Assert.That(Run("plugin", node, "stop", "echo"), Is.EqualTo(ExitCodes.Ok));
        Assert.That(Manager.List(), Is.Empty);
    }

    [Test]
    public void Parse_ListWithoutNode_DefaultsToLocalhost8080() =>
        Assert.That(CommandLine.Parse(["plugin", "list"]), Is.EqualTo(new PluginClientCommand(new Endpoint("127.0.0.1", 8080), PluginAction.List)));

    [TestCase("plugin", "localhost:99999", "list")]
    [TestCase("plugin", "deploy", "echo", "1")]
    [TestCase("plugin", "rollback")]
    [TestCase("plugin", "restart", "echo")]
    public void Parse_BadPluginCommand_UsageError(params string[] args) =>
        Assert.That(CommandLine.Parse(args), Is.InstanceOf<UsageError>());

    [TestCase("""{"name":"echo","nodes":[{"node":"master","ok":true},{"node":"worker1","ok":false,"error":"invalid_path","detail":"no such file"}]}""", true)]
    [TestCase("""{"name":"echo","nodes":[{"node":"master","ok":true},{"node":"worker1","ok":true}]}""", false)]
    [TestCase("""{"name":"echo","version":"1"}""", false)]
    [TestCase("", false)]
    public void ReportFailedNodes_MastersAnswer_FailsWhenAnyWorkerFailed(string body, bool failed) =>
        Assert.That(PluginClient.ReportFailedNodes(body, TextWriter.Null), Is.EqualTo(failed));

    private static int Run(params string[] args) => PluginClient.Run((PluginClientCommand)CommandLine.Parse([.. args, "--token", Token]), TextWriter.Null, TextWriter.Null);

    private string PluginDir => Path.Combine(WorkRoot, "plugin-dir");

    private string StoreRoot => Path.Combine(WorkRoot, "data", "plugin-store");

    /// <summary>Copies the echo plugin's build folder into the plugin directory; returns its program's name relative to it.</summary>
    private string InPluginDir()
    {
        var program = ExamplePlugins.Echo(WorkRoot).Path;
        var target = Path.Combine(PluginDir, "echo");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(program)!))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        return Path.Combine("echo", Path.GetFileName(program));
    }

    private async Task<HttpClient> StartAsync(bool withManager = true)
    {
        var limits = ApiLimits.Default with { RateLimit = 0 };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddApiPipeline(limits);
        _app = builder.Build();
        _app.UseApiPipeline(ApiToken.FromText(Token, "the tests"), limits);
        _app.MapPluginEndpoints(new PluginService(_jobOperations)
        {
            Manager = withManager ? Manager : null,
            Store = new PluginStore(StoreRoot) { WorkRoot = WorkRoot },
            Directory = new PluginDirectory(PluginDir),
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address + "/") };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return _http;
    }
}
