using System.Net;
using DistSys.Runtime.Distribution;
using DistSys.Transport.Security;

namespace DistSys.Runtime.Tests.Distribution.Support;

/// <summary>
/// Several <see cref="ClusterNode"/>s in this test process, each with its own listener on 127.0.0.1:0,
/// talking over real loopback TCP. Disposing aborts every node still running.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public static readonly ClusterCookie Cookie = ClusterCookie.FromText("distribution-tests-cookie");

    private readonly List<ClusterNode> _nodes = [];
    private readonly HashSet<ClusterNode> _stopped = [];

    public ClusterNode Master { get; private set; } = null!;

    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    /// <summary>A master and <paramref name="workers"/> joined workers, all connected to each other.</summary>
    public static async Task<TestCluster> StartAsync(int workers, Func<ClusterNodeOptions, ClusterNodeOptions>? configure = null)
    {
        var cluster = new TestCluster();
        cluster.Master = await cluster.StartNodeAsync("master", NodeRole.Master, configure);
        for (var i = 1; i <= workers; i++)
        {
            await cluster.StartWorkerAsync($"worker{i}", configure);
        }

        await cluster.WaitForMeshAsync();
        return cluster;
    }

    public async Task<ClusterNode> StartWorkerAsync(string name, Func<ClusterNodeOptions, ClusterNodeOptions>? configure = null)
    {
        var node = await StartNodeAsync(name, NodeRole.Worker, configure);
        await node.JoinAsync(CancellationToken.None).WaitAsync(Eventually.Liveness);
        return node;
    }

    public Task<ClusterNode> StartNodeAsync(string name, NodeRole role, Func<ClusterNodeOptions, ClusterNodeOptions>? configure = null)
    {
        var options = new ClusterNodeOptions
        {
            Name = name,
            Role = role,
            Cookie = Cookie,
            ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            MasterHost = role == NodeRole.Worker ? "127.0.0.1" : null,
            MasterPort = role == NodeRole.Worker ? Master.Port : 0,

            // Generous on a loaded 2-core machine; the failure-detection tests set their own.
            FailureTimeout = TimeSpan.FromSeconds(3),
        };
        return StartAsync(configure?.Invoke(options) ?? options);
    }

    public async Task<ClusterNode> StartAsync(ClusterNodeOptions options)
    {
        var node = await ClusterNode.StartAsync(options);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Waits until every running node sees every other running node up.</summary>
    public Task WaitForMeshAsync(TimeSpan? deadline = null) => Eventually.True(
        () => _nodes.Where(IsRunning).All(n => _nodes.Where(IsRunning).All(o => o == n || n.Members.Any(m => m.Name == o.Name && m.Incarnation == o.Incarnation && m.IsUp))),
        "every node sees every other node up",
        deadline);

    /// <summary>"Kills" a node: aborts its connections without a departure announcement.</summary>
    public async Task KillAsync(ClusterNode node)
    {
        _stopped.Add(node);
        await node.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    private bool IsRunning(ClusterNode node) => !_stopped.Contains(node);

    public void MarkStopped(ClusterNode node) => _stopped.Add(node);
}
