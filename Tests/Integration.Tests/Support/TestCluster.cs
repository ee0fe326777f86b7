using System.Text.Json;
using NUnit.Framework.Interfaces;

namespace DistSys.Integration.Tests.Support;

/// <summary>
/// Nodes of one test's cluster as real OS processes on 127.0.0.1: free ports, one shared cookie and API token, a data
/// directory and a HOME of their own under a temp directory (so ~/.distsys.cookie is never touched), and
/// the test-only diagnostics endpoints on. Disposing kills every node still running, by pid, and on a
/// failed test writes every node's output to the test log.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public const string Cookie = "integration-cookie";

    /// <summary>Every node's API token, given explicitly: a test never reads or creates the developer's ~/.distsys.token.</summary>
    public const string ApiToken = "integration-api-token-3e8f";

    private readonly List<NodeProcess> _nodes = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("distsys-it-").FullName;
    private readonly bool _defaultDetector;

    /// <summary>
    /// A cluster whose failure detector is the default (200 ms heartbeats, down after 800 ms of silence)
    /// when <paramref name="defaultDetector"/> is set: the tests that measure detection. Every other test
    /// gets a tolerant one (500 ms / 5 s), because several cold .NET processes starting at once on two
    /// shared cores can starve a node's heartbeats for more than 800 ms, and what those tests check is not
    /// detection speed.
    /// </summary>
    public TestCluster(bool defaultDetector = false) => _defaultDetector = defaultDetector;

    public NodeProcess? Master { get; private set; }

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    /// <summary>Starts the master; <paramref name="extra"/> are more options.</summary>
    public NodeProcess StartMaster(int? port = null, params string[] extra)
    {
        var listen = port ?? FreePort.Next();
        Master = Start("master", listen, ["master", "127.0.0.1", $"{listen}", .. extra]);
        return Master;
    }

    /// <summary>Starts worker <paramref name="name"/> joining the master; <paramref name="extra"/> are more options.</summary>
    public NodeProcess StartWorker(string name, string cookie = Cookie, int? port = null, params string[] extra)
    {
        var master = Master ?? throw new InvalidOperationException("start the master first");
        var listen = port ?? FreePort.Next();
        return Start(name, listen, [name, "127.0.0.1", $"{listen}", "127.0.0.1", $"{master.Port}", .. extra], cookie);
    }

    /// <summary>Runs the executable with arbitrary arguments (usage and setting errors), in this cluster's sandbox.</summary>
    public NodeProcess Run(string name, params string[] args) => Start(name, 0, args, null);

    public static Task WhenHealthyAsync(params NodeProcess[] nodes) => Task.WhenAll(nodes.Select(n => n.WaitForHealthyAsync()));

    /// <summary>The members <paramref name="node"/> reports with status "up".</summary>
    public static async Task<string[]> UpMembersAsync(NodeProcess node)
    {
        var view = await node.GetJsonAsync("/api/cluster").ConfigureAwait(false);
        return [.. view.GetProperty("members").EnumerateArray()
            .Where(m => m.GetProperty("status").GetString() == "up")
            .Select(m => m.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>This member as <paramref name="node"/> sees it, or null.</summary>
    public static async Task<JsonElement?> MemberAsync(NodeProcess node, string name)
    {
        var view = await node.GetJsonAsync("/api/cluster").ConfigureAwait(false);
        return view.GetProperty("members").EnumerateArray().Where(m => m.GetProperty("name").GetString() == name).Select(m => (JsonElement?)m).FirstOrDefault();
    }

    /// <summary>Waits until every one of <paramref name="nodes"/> sees exactly <paramref name="expected"/> up.</summary>
    public static Task WhenEveryoneSeesAsync(IEnumerable<NodeProcess> nodes, params string[] expected)
    {
        var sorted = expected.Order(StringComparer.Ordinal).ToArray();
        return Task.WhenAll(nodes.Select(n => n.WaitUntilAsync(
            async () => (await UpMembersAsync(n).ConfigureAwait(false)).SequenceEqual(sorted),
            $"'{n.Name}' sees exactly [{string.Join(", ", sorted)}] up")));
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask())).ConfigureAwait(false);
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            foreach (var node in _nodes)
            {
                await TestContext.Out.WriteLineAsync($"----- output of '{node.Name}' (pid {node.Pid}) -----\n{node.Output}").ConfigureAwait(false);
            }
        }

        Directory.Delete(_dir, recursive: true);
    }

    private NodeProcess Start(string name, int port, string[] args, string? cookie = Cookie)
    {
        var home = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName;
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["DISTSYS_DIAGNOSTICS"] = "1",
            ["DISTSYS_API_TOKEN"] = ApiToken,
            ["DISTSYS_DATA_DIR"] = Path.Combine(_dir, $"{name}-{_nodes.Count}"),
        };
        if (cookie is not null)
        {
            environment["DISTSYS_COOKIE"] = cookie;
        }

        if (!_defaultDetector)
        {
            environment["DISTSYS_HEARTBEAT_INTERVAL"] = "500ms";
            environment["DISTSYS_FAILURE_TIMEOUT"] = "5s";
        }

        var node = NodeProcess.Start(name, port, args, environment);
        _nodes.Add(node);
        return node;
    }
}
