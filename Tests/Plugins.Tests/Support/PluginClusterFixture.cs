using System.Net;
using DistSys.Plugins.Cluster;
using DistSys.Plugins.Store;
using DistSys.Runtime.Distribution;
using DistSys.Transport.Security;

namespace DistSys.Plugins.Tests.Support;

/// <summary>
/// A master and a worker <see cref="ClusterNode"/> in the test process over real loopback TCP, each with
/// its own plugin manager, control process and store under the test's work root; teardown stops them
/// in reverse order. Shared by the plugin control tests and the executable's plugin endpoint tests.
/// </summary>
public abstract class PluginClusterFixture
{
    private static readonly ClusterCookie Cookie = ClusterCookie.FromText("plugin-cluster-tests-cookie");

    /// <summary>What the test started, disposed in reverse order at teardown.</summary>
    private protected List<IAsyncDisposable> Disposables { get; } = [];

    private protected string WorkRoot { get; private set; } = null!;

    [SetUp]
    public void CreateWorkRoot()
    {
        WorkRoot = Path.Combine(Path.GetTempPath(), $"distsys-plugin-cluster-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(WorkRoot);
    }

    [TearDown]
    public async Task StopNodes()
    {
        // Managers first (they stop their plugin processes), then the nodes.
        for (var i = Disposables.Count - 1; i >= 0; i--)
        {
            await Disposables[i].DisposeAsync().AsTask().WaitAsync(Eventually.Liveness);
        }

        Directory.Delete(WorkRoot, recursive: true);
    }

    /// <summary>The echo plugin packed into the master's store, and the deploy command naming it.</summary>
    private protected PluginCommand DeployCommand(NodeControl master, string version)
    {
        var (package, entry) = PluginPackage.Pack(ExamplePlugins.Echo(WorkRoot).Path);
        return new PluginCommand(PluginCommandKind.Deploy, "echo", version, master.Store.Add(package).Sha256, entry);
    }

    private protected static PluginArtifact Artifact(NodeControl node, PluginCommand deploy)
    {
        Assert.That(node.Store.TryGet(deploy.Sha256!, out var artifact), Is.True);
        return artifact;
    }

    private protected async Task<(NodeControl Master, PluginManager MasterManager, NodeControl Worker, PluginManager WorkerManager)> StartClusterAsync()
    {
        var masterNode = await StartNodeAsync("master", NodeRole.Master, masterPort: 0);
        var workerNode = await StartNodeAsync("worker1", NodeRole.Worker, masterNode.Port);
        await Eventually.Within(workerNode.JoinAsync(CancellationToken.None));

        var master = await StartControlAsync(masterNode);
        var worker = await StartControlAsync(workerNode);
        await Eventually.True(async () => await masterNode.WhereisGlobalAsync(ClusterPluginControl.ServerName("worker1")) is not null, "the worker's control process is registered");
        return (master, master.Manager, worker, worker.Manager);
    }

    private protected async Task<ClusterNode> StartNodeAsync(string name, NodeRole role, int masterPort)
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
        Disposables.Add(node);
        PluginMessages.Register(node.MessageTypes);
        return node;
    }

    /// <summary>A node's plugin manager, control process and store (under this test's work root, its own per node).</summary>
    private protected async Task<NodeControl> StartControlAsync(ClusterNode node)
    {
        var manager = await PluginManager.StartAsync(node.Runtime);
        Disposables.Add(manager);
        var store = new PluginStore(Path.Combine(WorkRoot, node.Name, "plugin-store")) { WorkRoot = WorkRoot };
        var control = await ClusterPluginControl.StartAsync(node, manager, store);
        return new NodeControl(node, manager, control, store);
    }

    private protected sealed record NodeControl(ClusterNode Node, PluginManager Manager, ClusterPluginControl Control, PluginStore Store);
}
