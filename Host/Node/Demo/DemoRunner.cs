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

    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        var dir = Directory.CreateTempSubdirectory("distsys-demo-").FullName;
        // The demo's cluster has its own secrets: it neither reads nor creates the user's ~/.distsys.cookie and ~/.distsys.token.
        var token = ApiToken.NewRandomText();
        var environment = new Dictionary<string, string>
        {
            ["DISTSYS_COOKIE"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            [ApiTokenSource.EnvironmentVariable] = token,
            ["DISTSYS_JOBS__MAX_TASKS"] = "2",
        };
        var nodes = new List<NodeProcess>();
        await output.WriteLineAsync("DistSys demo: a master and two workers on 127.0.0.1, one batch job, a worker killed mid-job.").ConfigureAwait(false);
        try
        {
            var masterPort = FreePort();
            nodes.Add(Start("master", masterPort, ["master", "127.0.0.1", $"{masterPort}"], environment, dir));
            foreach (var name in (string[])["worker1", "worker2"])
            {
                var port = FreePort();
                nodes.Add(Start(name, port, [name, "127.0.0.1", $"{port}", "127.0.0.1", $"{masterPort}"], environment, dir));
            }

            foreach (var node in nodes)
            {
                await output.WriteLineAsync($"  {node.Name,-8} http://127.0.0.1:{node.Port}  pid {node.Pid,-7} log {node.LogPath}").ConfigureAwait(false);
            }

            var master = new Endpoint("127.0.0.1", masterPort);
            using var api = new JobClient([master], ApiToken.FromText(token, "the demo"));
            return await RunJobAsync(api, nodes, output, started, cancellation).ConfigureAwait(false) is var exit && exit == ExitCodes.Ok
                ? await FinishAsync(output, master, dir, exit).ConfigureAwait(false)
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

    private static NodeProcess Start(string name, int port, string[] args, Dictionary<string, string> environment, string dir) =>
        NodeProcess.Start(name, port, args, new Dictionary<string, string>(environment) { ["DISTSYS_DATA_DIR"] = Path.Combine(dir, name) },
            Path.Combine(dir, $"{name}.log"));

    private static async Task<int> FinishAsync(TextWriter output, Endpoint master, string dir, int exit)
    {
        await output.WriteLineAsync($"""
            where things were (the demo's nodes stop now; the data stays):
              REST API   http://{master}/api/jobs  (docs/api.md), also used by ./bin/distributed_system client {master} list
              data       {dir}/master/jobs/jobs.db (SQLite: workers, jobs, tasks, attempts, results); node logs in {dir}
            To keep a cluster running: ./bin/distributed_system start (a master and 2 workers until Ctrl-C; README).
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
