using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NUnit.Framework.Interfaces;

namespace DistSys.FullSystem.Tests.Ha;

/// <summary>
/// Masters sharing one PostgreSQL database (a fresh one on the fixture's throwaway server) and workers,
/// as real OS processes on 127.0.0.1, with their own data directories, cookie, API token and HOME.
/// Disposing kills every process still running, by pid, and on failure logs their output.
/// </summary>
internal sealed class HaCluster : IAsyncDisposable
{
    private const string Cookie = "ha-cookie";
    private const string ApiToken = "ha-api-token-5b1d7c";

    private readonly List<NodeProcess> _processes = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("distsys-ha-").FullName;
    private readonly string _store;
    private readonly string[] _leaseOptions;

    public HaCluster(string store, params string[] leaseOptions)
    {
        _store = store;
        _leaseOptions = leaseOptions;
    }

    public List<NodeProcess> Masters { get; } = [];

    /// <summary>A master on the shared store (its name is the seed's <c>master</c>; each has its own port and data).</summary>
    public NodeProcess StartMaster() => StartMaster($"master{Masters.Count + 1}", FreePort.Next());

    /// <summary>Starts a killed master again, with its name, port and data (so the workers' <c>--masters</c> still name it): it stands by.</summary>
    public NodeProcess RestartMaster(NodeProcess killed)
    {
        Masters.Remove(killed);
        return StartMaster(killed.Name, killed.Port);
    }

    /// <summary>Waits until one of the running masters answers /healthz 200 and returns it.</summary>
    public async Task<NodeProcess> LeaderAsync()
    {
        NodeProcess? leader = null;
        await Eventually.True(async () =>
        {
            foreach (var master in Masters.Where(m => !m.HasExited))
            {
                using var request = master.Request(HttpMethod.Get, "/healthz");
                try
                {
                    using var response = await NodeProcess.SendAsync(request);
                    if (response.IsSuccessStatusCode)
                    {
                        leader = master;
                        return true;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Killed or not listening yet.
                }
            }

            return false;
        }, "a master leads");
        return leader!;
    }

    private NodeProcess StartMaster(string name, int port)
    {
        var master = Start(name, port, ["master", "127.0.0.1", $"{port}", .. _leaseOptions],
            new Dictionary<string, string?> { ["DISTSYS_STORE"] = _store });
        Masters.Add(master);
        return master;
    }

    /// <summary>A worker whose first contact is <paramref name="master"/>; with <paramref name="follow"/>, every other master is in its <c>--masters</c>.</summary>
    public NodeProcess StartWorker(string name, NodeProcess master, int maxTasks = 2, bool follow = false)
    {
        var port = FreePort.Next();
        string[] others = follow ? ["--masters", string.Join(',', Masters.Where(m => m != master).Select(m => $"127.0.0.1:{m.Port}"))] : [];
        return Start(name, port, [name, "127.0.0.1", $"{port}", "127.0.0.1", $"{master.Port}", .. others],
            new Dictionary<string, string?> { ["DISTSYS_JOBS__MAX_TASKS"] = $"{maxTasks}" });
    }

    /// <summary>Runs <c>distributed_system client ADDRESSES ARGS</c> (the masters' addresses in the order given, comma-separated) to its exit.</summary>
    public async Task<(int Exit, string Output)> ClientAsync(IEnumerable<NodeProcess> masters, params string[] args)
    {
        var client = Start("client", 0, ["client", string.Join(',', masters.Select(m => $"127.0.0.1:{m.Port}")), .. args], []);
        var exit = await client.WaitForExitAsync();
        return (exit, client.Output);
    }

    /// <summary>Waits until <paramref name="master"/> answers /healthz 503 "standby".</summary>
    public static Task StandbyAsync(NodeProcess master) => master.WaitUntilAsync(async () =>
    {
        using var request = master.Request(HttpMethod.Get, "/healthz");
        try
        {
            using var response = await NodeProcess.SendAsync(request);
            return (int)response.StatusCode == 503 && (await response.Content.ReadAsStringAsync()).Contains("\"standby\"", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }, $"'{master.Name}' says it is a standby");

    /// <summary>The <c>ha</c> section of a master's <c>GET /api/status</c>.</summary>
    public static async Task<JsonElement> HaStatusAsync(NodeProcess master) =>
        (await master.GetJsonAsync("/api/status")).GetProperty("services").GetProperty("ha");

    public static Task WorkersActiveAsync(NodeProcess master, int count) => master.WaitUntilAsync(async () =>
    {
        var workers = await master.GetJsonAsync("/api/workers");
        return workers.GetProperty("workers").EnumerateArray().Count(w => w.GetProperty("status").GetString() == "active") >= count;
    }, $"{count} workers active");

    public static async Task<string> SubmitAsync(NodeProcess master, string config)
    {
        using var content = new StringContent($$"""{"name":"ha","type":"batch","config":{{config}}}""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = master.Request(HttpMethod.Post, "/api/jobs", content);
        using var response = await NodeProcess.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(201), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("job_id").GetString()!;
    }

    public static async Task<JsonElement> WaitForJobAsync(NodeProcess master, string id, Func<JsonElement, bool>? until = null)
    {
        JsonElement job = default;
        await master.WaitUntilAsync(async () =>
        {
            job = await master.GetJsonAsync($"/api/jobs/{id}");
            return until?.Invoke(job) ?? job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled";
        }, $"job {id} reached the expected state");
        return job;
    }

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

        Directory.Delete(_dir, recursive: true);
    }

    private NodeProcess Start(string name, int port, string[] args, Dictionary<string, string?> environment)
    {
        environment["HOME"] = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName;
        environment["DISTSYS_COOKIE"] = Cookie;
        environment["DISTSYS_API_TOKEN"] = ApiToken;
        environment["DISTSYS_DATA_DIR"] = Path.Combine(_dir, name);
        environment["DISTSYS_HEARTBEAT_INTERVAL"] = "500ms";
        environment["DISTSYS_FAILURE_TIMEOUT"] = "5s";
        var node = NodeProcess.Start(name, port, args, environment);
        _processes.Add(node);
        return node;
    }
}
