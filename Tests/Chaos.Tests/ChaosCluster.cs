using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DistSys.Chaos.Tests.Netns;
using Microsoft.Data.Sqlite;
using NUnit.Framework.Interfaces;

namespace DistSys.Chaos.Tests;

/// <summary>
/// A master and workers as real OS processes, each in a network namespace of its own on a <see cref="ChaosNetwork"/>
/// (every node listens on its own address, port 8080 for the master and 9000 for workers: each namespace has its
/// own ports). Each node has a data directory that survives its restart. Disposing kills every process by pid,
/// logs their output on failure, and deletes the namespaces.
/// </summary>
internal sealed class ChaosCluster : IAsyncDisposable
{
    private const string Cookie = "chaos-cookie";
    private const string ApiToken = "chaos-api-token-5e1b";
    private const int MasterPort = 8080;
    private const int WorkerPort = 9000;

    private readonly List<NodeProcess> _processes = [];
    private readonly Dictionary<string, NodeNetwork> _networks = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("distsys-chaos-").FullName;
    private readonly Dictionary<string, string?> _masterEnvironment = [];
    private bool _mounted;

    private ChaosCluster(ChaosNetwork network) => Network = network;

    public ChaosNetwork Network { get; }

    public NodeProcess Master { get; private set; } = null!;

    public Dictionary<string, NodeProcess> Workers { get; } = [];

    /// <summary>The master's input root (the default <c>DATA_DIR/inputs</c>).</summary>
    public string MasterInputs => Path.Combine(MasterDataDirectory, "inputs");

    /// <summary>The master's data directory (a tmpfs of its own when the cluster was started with a disk size).</summary>
    public string MasterDataDirectory => Path.Combine(_dir, "master");

    private string Database => Path.Combine(MasterDataDirectory, "jobs", "jobs.db");

    /// <summary>
    /// A master and <paramref name="workers"/> workers (worker1…), all healthy and active. With
    /// <paramref name="masterDiskMib"/>, the master's data dir is a tmpfs of that size (a small disk to fill),
    /// and it refuses new jobs below 2 MiB free.
    /// </summary>
    public static async Task<ChaosCluster> StartAsync(int workers = 2, int maxTasks = 3, int? masterDiskMib = null)
    {
        var cluster = new ChaosCluster(ChaosNetwork.Create());
        try
        {
            if (masterDiskMib is { } size)
            {
                Directory.CreateDirectory(cluster.MasterDataDirectory);
                ChaosNetwork.Run("mount", "-t", "tmpfs", "-o", $"size={size}m,mode=0700", "tmpfs", cluster.MasterDataDirectory);
                cluster._mounted = true;
                cluster._masterEnvironment["DISTSYS_JOBS__MIN_FREE_MIB"] = "2";
            }

            cluster._networks["master"] = cluster.Network.AddNode("master");
            for (var i = 1; i <= workers; i++)
            {
                cluster._networks[$"worker{i}"] = cluster.Network.AddNode($"worker{i}");
            }

            cluster.StartMaster();
            for (var i = 1; i <= workers; i++)
            {
                cluster.StartWorker($"worker{i}", maxTasks);
            }

            await Task.WhenAll(cluster._processes.Select(p => p.WaitForHealthyAsync()));
            await cluster.MembersUpAsync(workers + 1);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the master (again after a kill: same address, same data directory).</summary>
    public NodeProcess StartMaster()
    {
        var network = _networks["master"];
        Master = Start("master", MasterPort, ["master", network.Address, $"{MasterPort}"], _masterEnvironment);
        return Master;
    }

    /// <summary>Starts worker <paramref name="name"/> (again after a kill).</summary>
    public NodeProcess StartWorker(string name, int maxTasks = 3)
    {
        var network = _networks[name];
        var worker = Start(name, WorkerPort, [name, network.Address, $"{WorkerPort}", _networks["master"].Address, $"{MasterPort}"],
            new() { ["DISTSYS_JOBS__MAX_TASKS"] = $"{maxTasks}" });
        Workers[name] = worker;
        return worker;
    }

    /// <summary>Waits until the master's <c>/api/cluster</c> lists <paramref name="count"/> members up and its <c>/api/workers</c> every worker active.</summary>
    public Task MembersUpAsync(int count, TimeSpan? deadline = null) => Master.WaitUntilAsync(async () =>
        await CountAsync("/api/cluster", "members", "up") >= count && await CountAsync("/api/workers", "workers", "active") >= count - 1,
        $"{count} members up", deadline);

    /// <summary>Waits until the master no longer lists <paramref name="name"/> up.</summary>
    public Task MemberDownAsync(string name) => Master.WaitUntilAsync(async () =>
    {
        var cluster = await Master.GetJsonAsync("/api/cluster");
        return cluster.GetProperty("members").EnumerateArray()
            .Any(m => m.GetProperty("name").GetString() == name && m.GetProperty("status").GetString() != "up");
    }, $"the master declares {name} down");

    public static async Task<int> ActiveTasksAsync(NodeProcess worker) =>
        (await worker.GetJsonAsync("/api/status")).GetProperty("services").GetProperty("jobs").GetProperty("active_tasks").GetInt32();

    public async Task<string> SubmitAsync(string config)
    {
        var (status, body) = await PostJobAsync(config);
        Assert.That(status, Is.EqualTo(201), body.ToString());
        return body.GetProperty("job_id").GetString()!;
    }

    /// <summary>POST /api/jobs with a batch job of <paramref name="config"/>: the status code and the parsed body.</summary>
    public async Task<(int Status, JsonElement Body)> PostJobAsync(string config)
    {
        using var content = new StringContent($$"""{"name":"chaos","type":"batch","config":{{config}}}""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = Master.Request(HttpMethod.Post, "/api/jobs", content);
        using var response = await Network.Http.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public async Task<JsonElement> WaitForJobAsync(string id)
    {
        JsonElement job = default;
        await Master.WaitUntilAsync(async () =>
        {
            job = await Master.GetJsonAsync($"/api/jobs/{id}");
            return job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled";
        }, $"job {id} finished");
        return job;
    }

    public async Task<long> ResultAsync(string id) => (await Master.GetJsonAsync($"/api/jobs/{id}/results")).GetProperty("result").GetInt64();

    /// <summary>One number from the master's database (read-only beside the running master: WAL allows it).</summary>
    public long Scalar(string sql) => StoreQuery.Scalar(Database, sql);

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(n => n.DisposeAsync().AsTask()));
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            foreach (var node in _processes)
            {
                await TestContext.Out.WriteLineAsync($"----- output of '{node.Name}' (pid {node.Pid}) -----\n{node.Output}");
            }
        }

        Network.Dispose();
        SqliteConnection.ClearAllPools();
        if (_mounted)
        {
            ChaosNetwork.Run("umount", MasterDataDirectory);
        }

        Directory.Delete(_dir, recursive: true);
    }

    private async Task<int> CountAsync(string path, string array, string status)
    {
        var body = await Master.GetJsonAsync(path);
        return body.GetProperty(array).EnumerateArray().Count(m => m.GetProperty("status").GetString() == status);
    }

    private NodeProcess Start(string name, int port, string[] args, Dictionary<string, string?> extra)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName,
            ["DISTSYS_COOKIE"] = Cookie,
            ["DISTSYS_API_TOKEN"] = ApiToken,
            ["DISTSYS_DATA_DIR"] = Path.Combine(_dir, name),
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        var process = NodeProcess.Start(name, port, args, environment, _networks[name]);
        _processes.Add(process);
        return process;
    }
}
