using System.Net;
using System.Text.Json;
using DistSys.Host.Api;
using DistSys.Host.Plugins;
using DistSys.Plugins.Cluster;
using DistSys.Plugins.Store;
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
        var deploy = DeployCommand(master, "1");

        var deployed = await Eventually.Within(master.Control.RunOnWorkersAsync(deploy));
        Assert.That(deployed, Is.EqualTo(new[] { new PluginNodeOutcome("worker1", true, Version: "1") }));
        Assert.That((await workerManager.InvokeAsync("echo", "echo", new byte[] { 9 })).Body, Is.EqualTo(new byte[] { 9 }), "the worker serves it");

        var rollback = await Eventually.Within(master.Control.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Rollback, "echo")));
        Assert.That(rollback.Single() is { Node: "worker1", Ok: false, Error: "no_previous_version" }, Is.True, rollback.Single().ToString());

        var stopped = await Eventually.Within(master.Control.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Stop, "echo")));
        Assert.That(stopped, Is.EqualTo(new[] { new PluginNodeOutcome("worker1", true) }));
        Assert.That(workerManager.List(), Is.Empty);
        Assert.That(await worker.Control.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Stop, "echo")), Is.Empty, "only the master fans out");
    }

    [Test]
    public async Task RunOnWorkersAsync_WorkerWithoutThePackage_ReceivesItsBytesVerifiesAndRunsItFromItsStore()
    {
        var (master, _, worker, workerManager) = await StartClusterAsync();
        var deploy = DeployCommand(master, "1");
        Assert.That(worker.Store.TryGet(deploy.Sha256!, out _), Is.False, "the worker has no copy before the deploy");

        var outcome = (await Eventually.Within(master.Control.RunOnWorkersAsync(deploy))).Single();

        Assert.That(outcome.Ok, Is.True, outcome.ToString());
        Assert.That(worker.Store.TryGet(deploy.Sha256!, out var received), Is.True, "stored by its sha256");
        Assert.That(PluginStore.Sha256Of(worker.Store.Read(received)), Is.EqualTo(deploy.Sha256));
        Assert.That(workerManager.List().Single().ProcessId, Is.Positive);
        Assert.That(File.ReadAllText($"/proc/{workerManager.List().Single().ProcessId}/cmdline"), Does.Contain("/plugin/"), "run from the package bound into its sandbox");
    }

    [Test]
    public async Task RunOnWorkersAsync_PackageUnknownEverywhere_ReportsArtifactMissing()
    {
        var (master, _, _, workerManager) = await StartClusterAsync();

        var outcome = (await Eventually.Within(master.Control.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Deploy, "echo", "1", new string('a', 64), "x.dll")))).Single();

        Assert.That(outcome is { Node: "worker1", Ok: false, Error: "artifact_missing" }, Is.True, outcome.ToString());
        Assert.That(workerManager.List(), Is.Empty);
    }

    [Test]
    public async Task ArtifactChunk_BytesNotMatchingTheirSha256_RefusedAndNotStored()
    {
        var (master, _, worker, _) = await StartClusterAsync();
        var server = (await master.Node.WhereisGlobalAsync(ClusterPluginControl.ServerName("worker1")))!.Value;
        var sha = PluginStore.Sha256Of("other bytes"u8);

        var outcome = await master.Node.Runtime.CallAsync<PluginNodeOutcome>(server, new PluginArtifactChunk(sha, 4, 0, "PK\u0003\u0004"u8.ToArray()), Eventually.Liveness);

        Assert.That(outcome is { Ok: false, Error: "invalid_artifact" }, Is.True, outcome.ToString());
        Assert.That(worker.Store.TryGet(sha, out _), Is.False);
    }

    [Test]
    public async Task WorkerJoiningAfterADeploy_ReceivesTheActiveVersion()
    {
        var masterNode = await StartNodeAsync("master", NodeRole.Master, masterPort: 0);
        var master = await StartControlAsync(masterNode);
        var deploy = DeployCommand(master, "1");
        await master.Manager.DeployAsync(master.Store.Spec("echo", "1", Artifact(master, deploy), deploy.Entry!));
        Assert.That(await master.Control.RunOnWorkersAsync(deploy), Is.Empty, "no worker yet");

        var workerNode = await StartNodeAsync("worker1", NodeRole.Worker, masterNode.Port);
        await Eventually.Within(workerNode.JoinAsync(CancellationToken.None));
        var worker = await StartControlAsync(workerNode);

        await Eventually.True(() => worker.Manager.List() is [{ Name: "echo", Version: "1" }], "the late worker runs the deployed plugin");
        Assert.That((await worker.Manager.InvokeAsync("echo", "echo", new byte[] { 7 })).Body, Is.EqualTo(new byte[] { 7 }));
    }

    [Test]
    public async Task Endpoints_DeployAndStopOnTheMaster_RunOnEveryNodeAndListTheirOutcomes()
    {
        var (master, _, _, workerManager) = await StartClusterAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        _stack.Add(app);
        app.MapPluginEndpoints(new PluginService(null) { Manager = master.Manager, Control = master.Control, Store = master.Store, Directory = new PluginDirectory(Path.Combine(_workRoot, "plugin-dir")) });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/") };
        var (package, entry) = PluginPackage.Pack(ExamplePlugins.Echo(_workRoot).Path);

        using var content = new ByteArrayContent(package);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        using var deployed = await http.PostAsync($"api/plugins?name=echo&version=1&entry={entry}", content);
        var body = await deployed.Content.ReadAsStringAsync();

        Assert.That(deployed.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(Outcomes(body), Is.EqualTo(new[] { "master:True:1", "worker1:True:1" }), body);
        Assert.That(workerManager.List().Single().Version, Is.EqualTo("1"));

        using var stopped = await http.DeleteAsync("api/plugins/echo");
        body = await stopped.Content.ReadAsStringAsync();
        Assert.That(Outcomes(body), Is.EqualTo(new[] { "master:True:", "worker1:True:" }), body);
        Assert.That(workerManager.List(), Is.Empty);
        Assert.That(master.Manager.List(), Is.Empty);
    }

    /// <summary>The echo plugin packed into the master's store, and the deploy command naming it.</summary>
    private PluginCommand DeployCommand(NodeControl master, string version)
    {
        var (package, entry) = PluginPackage.Pack(ExamplePlugins.Echo(_workRoot).Path);
        return new PluginCommand(PluginCommandKind.Deploy, "echo", version, master.Store.Add(package).Sha256, entry);
    }

    private static PluginArtifact Artifact(NodeControl node, PluginCommand deploy)
    {
        Assert.That(node.Store.TryGet(deploy.Sha256!, out var artifact), Is.True);
        return artifact;
    }

    private static string[] Outcomes(string body) =>
        [.. JsonDocument.Parse(body).RootElement.GetProperty("nodes").EnumerateArray().Select(node =>
            $"{node.GetProperty("node").GetString()}:{node.GetProperty("ok").GetBoolean()}:{(node.TryGetProperty("version", out var v) ? v.GetString() : null)}")];

    private async Task<(NodeControl Master, PluginManager MasterManager, NodeControl Worker, PluginManager WorkerManager)> StartClusterAsync()
    {
        var masterNode = await StartNodeAsync("master", NodeRole.Master, masterPort: 0);
        var workerNode = await StartNodeAsync("worker1", NodeRole.Worker, masterNode.Port);
        await Eventually.Within(workerNode.JoinAsync(CancellationToken.None));

        var master = await StartControlAsync(masterNode);
        var worker = await StartControlAsync(workerNode);
        await Eventually.True(async () => await masterNode.WhereisGlobalAsync(ClusterPluginControl.ServerName("worker1")) is not null, "the worker's control process is registered");
        return (master, master.Manager, worker, worker.Manager);
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

    /// <summary>A node's plugin manager, control process and store (under this test's work root, its own per node).</summary>
    private async Task<NodeControl> StartControlAsync(ClusterNode node)
    {
        var manager = await PluginManager.StartAsync(node.Runtime);
        _stack.Add(manager);
        var store = new PluginStore(Path.Combine(_workRoot, node.Name, "plugin-store")) { WorkRoot = _workRoot };
        var control = await ClusterPluginControl.StartAsync(node, manager, store);
        return new NodeControl(node, manager, control, store);
    }

    private sealed record NodeControl(ClusterNode Node, PluginManager Manager, ClusterPluginControl Control, PluginStore Store);
}
