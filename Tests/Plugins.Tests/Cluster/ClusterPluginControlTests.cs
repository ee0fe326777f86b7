using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DistSys.Host.Api;
using DistSys.Host.Plugins;
using DistSys.Plugins.Cluster;
using DistSys.Plugins.Tests.Support;
using DistSys.Runtime.Distribution;
using DistSys.Transport.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DistSys.Plugins.Tests.Cluster;

/// <summary>
/// The master fans plugin commands out to its workers: two <see cref="ClusterNode"/>s in this test
/// process over real loopback TCP, each with its own plugin manager and control process.
/// </summary>
public sealed class ClusterPluginControlTests
{
    private static readonly ClusterCookie Cookie = ClusterCookie.FromText("plugin-cluster-tests-cookie");
    private readonly List<IAsyncDisposable> _stack = [];
    private string _workRoot = null!;

    [SetUp]
    public void CreateWorkRoot()
    {
        _workRoot = Path.Combine(Path.GetTempPath(), $"distsys-plugin-cluster-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_workRoot);
    }

    [TearDown]
    public async Task StopNodes()
    {
        // Managers first (they stop their plugin processes), then the nodes.
        for (var i = _stack.Count - 1; i >= 0; i--)
        {
            await _stack[i].DisposeAsync().AsTask().WaitAsync(Eventually.Liveness);
        }

        Directory.Delete(_workRoot, recursive: true);
    }

    [Test]
    public async Task RunOnWorkersAsync_DeployRollbackStop_ReportsEachWorkersOutcome()
    {
        var (master, _, worker, workerManager) = await StartClusterAsync();
        var echo = ExamplePlugins.Echo(_workRoot);

        var deployed = await Eventually.Within(master.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Deploy, "echo", "1", echo.Path)));
        Assert.That(deployed, Is.EqualTo(new[] { new PluginNodeOutcome("worker1", true, Version: "1") }));
        Assert.That((await workerManager.InvokeAsync("echo", "echo", new byte[] { 9 })).Body, Is.EqualTo(new byte[] { 9 }), "the worker serves it");

        var rollback = await Eventually.Within(master.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Rollback, "echo")));
        Assert.That(rollback.Single() is { Node: "worker1", Ok: false, Error: "no_previous_version" }, Is.True, rollback.Single().ToString());

        var stopped = await Eventually.Within(master.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Stop, "echo")));
        Assert.That(stopped, Is.EqualTo(new[] { new PluginNodeOutcome("worker1", true) }));
        Assert.That(workerManager.List(), Is.Empty);
        Assert.That(await worker.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Stop, "echo")), Is.Empty, "only the master fans out");
    }

    [Test]
    public async Task RunOnWorkersAsync_PathMissingOnTheWorker_ReportsInvalidPath()
    {
        var (master, _, _, workerManager) = await StartClusterAsync();

        var outcome = (await Eventually.Within(master.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Deploy, "echo", "1", "/nonexistent/echo.dll")))).Single();

        Assert.That(outcome is { Node: "worker1", Ok: false, Error: "invalid_path" }, Is.True, outcome.ToString());
        Assert.That(workerManager.List(), Is.Empty);
    }

    [Test]
    public async Task Endpoints_DeployAndStopOnTheMaster_RunOnEveryNodeAndListTheirOutcomes()
    {
        var (master, masterManager, _, workerManager) = await StartClusterAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        _stack.Add(app);
        app.MapPluginEndpoints(new PluginService(null) { Manager = masterManager, Control = master });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/") };

        using var deployed = await http.PostAsJsonAsync("api/plugins", new PluginDeployRequest("echo", "1", ExamplePlugins.Echo(_workRoot).Path), PluginJsonContext.Default.PluginDeployRequest);
        var body = await deployed.Content.ReadAsStringAsync();

        Assert.That(deployed.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(Outcomes(body), Is.EqualTo(new[] { "master:True:1", "worker1:True:1" }), body);
        Assert.That(workerManager.List().Single().Version, Is.EqualTo("1"));

        using var stopped = await http.DeleteAsync("api/plugins/echo");
        body = await stopped.Content.ReadAsStringAsync();
        Assert.That(Outcomes(body), Is.EqualTo(new[] { "master:True:", "worker1:True:" }), body);
        Assert.That(workerManager.List(), Is.Empty);
        Assert.That(masterManager.List(), Is.Empty);
    }

    private static string[] Outcomes(string body) =>
        [.. JsonDocument.Parse(body).RootElement.GetProperty("nodes").EnumerateArray().Select(node =>
            $"{node.GetProperty("node").GetString()}:{node.GetProperty("ok").GetBoolean()}:{(node.TryGetProperty("version", out var v) ? v.GetString() : null)}")];

    private async Task<(ClusterPluginControl Master, PluginManager MasterManager, ClusterPluginControl Worker, PluginManager WorkerManager)> StartClusterAsync()
    {
        var masterNode = await StartNodeAsync("master", NodeRole.Master, masterPort: 0);
        var workerNode = await StartNodeAsync("worker1", NodeRole.Worker, masterNode.Port);
        await Eventually.Within(workerNode.JoinAsync(CancellationToken.None));

        var (master, masterManager) = await StartControlAsync(masterNode);
        var (worker, workerManager) = await StartControlAsync(workerNode);
        await Eventually.True(async () => await masterNode.WhereisGlobalAsync(ClusterPluginControl.ServerName("worker1")) is not null, "the worker's control process is registered");
        return (master, masterManager, worker, workerManager);
    }

    private async Task<ClusterNode> StartNodeAsync(string name, NodeRole role, int masterPort)
    {
        var node = await ClusterNode.StartAsync(new ClusterNodeOptions
        {
            Name = name,
            Role = role,
            Cookie = Cookie,
            ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            MasterHost = role == NodeRole.Worker ? "127.0.0.1" : null,
            MasterPort = masterPort,
            FailureTimeout = TimeSpan.FromSeconds(5),
        });
        _stack.Add(node);
        PluginMessages.Register(node.MessageTypes);
        return node;
    }

    private async Task<(ClusterPluginControl Control, PluginManager Manager)> StartControlAsync(ClusterNode node)
    {
        var manager = await PluginManager.StartAsync(node.Runtime);
        _stack.Add(manager);
        return (await ClusterPluginControl.StartAsync(node, manager), manager);
    }
}
