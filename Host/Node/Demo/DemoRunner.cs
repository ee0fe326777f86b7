using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using DistSys.Host.Api.Security;
using DistSys.Host.Client;
using DistSys.Host.Start;

namespace DistSys.Host.Demo;

/// <summary>
/// The main demo: a master and two workers as separate processes on loopback, a batch job whose
/// result is checked exactly, one worker killed mid-job, and everything it started stopped again.
/// </summary>
internal static partial class DemoRunner
{
    private const int Tasks = 40;
    private const int Numbers = 400;
    private const int Factor = 3;
    private const string Config = """{"operation":"multiply","factor":3,"task_count":40,"range":{"start":1,"end":400},"delay_ms":250}""";

    /// <summary>Runs the demo; with <paramref name="haStore"/> (a PostgreSQL connection string) two masters share it and the leader is killed instead of a worker.</summary>
    public static async Task<int> RunAsync(TextWriter output, string? haStore, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        var dir = Directory.CreateTempSubdirectory("distsys-demo-").FullName;
        // The demo's cluster has its own secrets: it neither reads nor creates the user's ~/.distsys.cookie and ~/.distsys.token.
        var token = ApiToken.NewRandomText();
        var environment = new Dictionary<string, string?>
        {
            ["DISTSYS_STORE"] = null, // a store of the user's own is used only as --ha asks, and by the masters only
            ["DISTSYS_COOKIE"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            [ApiTokenSource.EnvironmentVariable] = token,
            ["DISTSYS_JOBS__MAX_TASKS"] = "2",
        };
        var nodes = new List<NodeProcess>();
        await output.WriteLineAsync(haStore is null
            ? "DistSys demo: a master and two workers on 127.0.0.1, one batch job, a worker killed mid-job."
            : "DistSys demo (--ha): two masters sharing a PostgreSQL store and two workers on 127.0.0.1, one batch job, the leader killed mid-job.").ConfigureAwait(false);
        try
        {
            // Every master is named "master"; with --ha the first leads and the second stands by (the workers learn of it from the leader).
            var masters = new List<Endpoint>();
            foreach (var name in haStore is null ? (string[])["master"] : ["master1", "master2"])
            {
                var port = FreePort();
                var store = haStore is null ? environment : new Dictionary<string, string?>(environment) { ["DISTSYS_STORE"] = haStore };
                nodes.Add(Start(name, port, ["master", "127.0.0.1", $"{port}"], store, dir));
                masters.Add(new Endpoint("127.0.0.1", port));
                if (haStore is not null && masters.Count == 1)
                {
                    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                    if (!await StartRunner.WhenHealthyAsync(http, nodes[0], output, cancellation).ConfigureAwait(false))
                    {
                        return ExitCodes.Failure; // it named the log to read (a store it cannot reach is said there in one line)
                    }
                }
            }

            foreach (var name in (string[])["worker1", "worker2"])
            {
                var port = FreePort();
                nodes.Add(Start(name, port, [name, "127.0.0.1", $"{port}", "127.0.0.1", $"{masters[0].Port}"], environment, dir));
            }

            foreach (var node in nodes)
            {
                await output.WriteLineAsync($"  {node.Name,-8} http://127.0.0.1:{node.Port}  pid {node.Pid,-7} log {node.LogPath}").ConfigureAwait(false);
            }

            var apiToken = ApiToken.FromText(token, "the demo");
            using var api = new JobClient(masters, apiToken);
            var demo = new DemoRun(api, apiToken, nodes, haStore is null ? nodes[1] : nodes[0], haStore is not null, output, started);
            return await RunJobAsync(demo, cancellation).ConfigureAwait(false) is var exit && exit == ExitCodes.Ok
                ? await FinishAsync(output, masters, dir, haStore is not null, exit).ConfigureAwait(false)
                : exit;
        }
        catch (ClientException ex)
        {
            await output.WriteLineAsync($"demo failed: {ex.Message} (see the logs in {dir})").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await output.WriteLineAsync("demo interrupted").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        finally
        {
            await output.WriteAsync("stopping the nodes the demo started ...").ConfigureAwait(false);
            await Task.WhenAll(nodes.Select(n => n.StopAsync(TimeSpan.FromSeconds(5)))).ConfigureAwait(false);
            foreach (var node in nodes)
            {
                node.Dispose();
            }

            await output.WriteLineAsync($" done ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s in all)").ConfigureAwait(false);
        }
    }

    private static NodeProcess Start(string name, int port, string[] args, Dictionary<string, string?> environment, string dir) =>
        NodeProcess.Start(name, port, args, new Dictionary<string, string?>(environment) { ["DISTSYS_DATA_DIR"] = Path.Combine(dir, name) },
            Path.Combine(dir, $"{name}.log"));

    private static async Task<int> FinishAsync(TextWriter output, List<Endpoint> masters, string dir, bool ha, int exit)
    {
        var addresses = string.Join(',', masters);
        await output.WriteLineAsync($"""
            where things were (the demo's nodes stop now; the data stays):
              REST API   http://{masters[^1]}/api/jobs  (docs/api.md), also used by ./bin/distributed_system client {addresses} list
              data       {(ha ? "the PostgreSQL database given to --ha (workers, jobs, tasks, attempts, results, the lease)" : $"{dir}/master/jobs/jobs.db (SQLite: workers, jobs, tasks, attempts, results)")}; node logs in {dir}
            To keep a cluster running: ./bin/distributed_system start (a master and 2 workers until Ctrl-C; README){(ha ? "; masters on a shared store: docs/ha.md" : "")}.
            """).ConfigureAwait(false);
        return exit;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
