using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NUnit.Framework.Interfaces;

namespace DistSys.FullSystem.Tests.Support;

/// <summary>
/// A master and workers as real OS processes on 127.0.0.1 (the Integration tests' NodeProcess harness),
/// each with a data directory of its own that survives a restart of that node, a shared cookie and API token, and a
/// private HOME. Disposing kills every process still running by pid and, on failure, logs their output.
/// </summary>
internal sealed class JobCluster : IAsyncDisposable
{
    private const string Cookie = "full-system-cookie";

    /// <summary>Every process's API token (nodes and clients), given explicitly: never the developer's ~/.distsys.token.</summary>
    private const string ApiToken = "full-system-api-token-9a2c";

    private readonly List<NodeProcess> _processes = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("distsys-fs-").FullName;

    public NodeProcess Master { get; private set; } = null!;

    public int MasterPort { get; private set; }

    public Dictionary<string, NodeProcess> Workers { get; } = [];

    /// <summary>The master's data directory (its default input root is <c>inputs</c> in it).</summary>
    public string MasterDataDirectory => Path.Combine(_dir, "master");

    /// <summary>The master's job database.</summary>
    public string Database => Path.Combine(MasterDataDirectory, "jobs", "jobs.db");

    /// <summary>A master and <paramref name="workers"/> workers, all healthy, every executor registered.</summary>
    public static async Task<JobCluster> StartAsync(int workers = 2, int maxTasks = 4)
    {
        var cluster = new JobCluster();
        cluster.StartMaster();
        for (var i = 1; i <= workers; i++)
        {
            cluster.StartWorker($"worker{i}", maxTasks);
        }

        await Task.WhenAll(cluster._processes.Select(p => p.WaitForHealthyAsync()));
        await cluster.WorkersActiveAsync(workers);
        return cluster;
    }

    /// <summary>Starts the master (again, after a kill: same port, same data directory).</summary>
    public NodeProcess StartMaster()
    {
        MasterPort = MasterPort == 0 ? FreePort.Next() : MasterPort;
        Master = Start("master", MasterPort, ["master", "127.0.0.1", $"{MasterPort}"]);
        return Master;
    }

    /// <summary>Starts a worker; <paramref name="inputDirectory"/> is its <c>--input-dir</c> (its own <c>DATA_DIR/inputs</c> unless given).</summary>
    public NodeProcess StartWorker(string name, int maxTasks, string? inputDirectory = null)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?> { ["DISTSYS_JOBS__MAX_TASKS"] = $"{maxTasks}" };
        if (inputDirectory is not null)
        {
            environment["DISTSYS_INPUT_DIR"] = inputDirectory;
        }

        var worker = Start(name, port, [name, "127.0.0.1", $"{port}", "127.0.0.1", $"{MasterPort}"], environment);
        Workers[name] = worker;
        return worker;
    }

    /// <summary>Runs the client (<c>distributed_system client 127.0.0.1:PORT ARGS</c>) to its exit.</summary>
    public async Task<(int Exit, string Output)> ClientAsync(params string[] args)
    {
        var client = Start("client", 0, ["client", $"127.0.0.1:{MasterPort}", .. args]);
        var exit = await client.WaitForExitAsync();
        return (exit, client.Output);
    }

    public Task WorkersActiveAsync(int count) => Master.WaitUntilAsync(async () =>
    {
        var workers = await Master.GetJsonAsync("/api/workers");
        return workers.GetProperty("workers").EnumerateArray().Count(w => w.GetProperty("status").GetString() == "active") >= count;
    }, $"{count} workers active");

    public async Task<string> SubmitAsync(string config, string name = "full-system")
    {
        var (status, body) = await PostAsync("/api/jobs", $$"""{"name":"{{name}}","type":"batch","config":{{config}}}""");
        Assert.That(status, Is.EqualTo(201), body.ToString());
        return body.GetProperty("job_id").GetString()!;
    }

    /// <summary>POSTs JSON to the master; the status code and the parsed body.</summary>
    public async Task<(int Status, JsonElement Body)> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = Master.Request(HttpMethod.Post, path, content);
        using var response = await NodeProcess.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public Task<JsonElement> JobAsync(string id) => Master.GetJsonAsync($"/api/jobs/{id}");

    public async Task<JsonElement> WaitForJobAsync(string id, Func<JsonElement, bool>? until = null)
    {
        JsonElement job = default;
        await Master.WaitUntilAsync(async () =>
        {
            job = await JobAsync(id);
            return until?.Invoke(job) ?? job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled";
        }, $"job {id} reached the expected state");
        return job;
    }

    public async Task<JsonElement> ResultAsync(string id) => (await Master.GetJsonAsync($"/api/jobs/{id}/results")).GetProperty("result");

    /// <summary>One number from the master's database (read-only, beside the running master: WAL allows it).</summary>
    public long Scalar(string sql) => StoreQuery.Scalar(Database, sql);

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(n => n.DisposeAsync().AsTask()));
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            foreach (var node in _processes.Where(p => p.Port != 0))
            {
                await TestContext.Out.WriteLineAsync($"----- output of '{node.Name}' (pid {node.Pid}) -----\n{node.Output}");
            }
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private NodeProcess Start(string name, int port, string[] args, Dictionary<string, string?>? extra = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName,
            ["DISTSYS_COOKIE"] = Cookie,
            ["DISTSYS_API_TOKEN"] = ApiToken,
            ["DISTSYS_DATA_DIR"] = Path.Combine(_dir, name),
        };
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }

        var process = NodeProcess.Start(name, port, args, environment);
        _processes.Add(process);
        return process;
    }
}
