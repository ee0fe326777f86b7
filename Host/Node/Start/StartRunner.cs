using System.Diagnostics;
using System.Net;
using DistSys.Host.Api.Security;
using DistSys.Host.Cli;

namespace DistSys.Host.Start;

/// <summary>
/// <c>start</c>: a master and N workers on loopback as child processes of this one, in the foreground.
/// They use the user's own settings (environment, ~/.distsys.cookie, ~/.distsys.token), unlike the demo's
/// throwaway secrets, so the client and curl work against them as against nodes started by hand. Ctrl-C or
/// SIGTERM stops every child by pid (SIGTERM, then SIGKILL after a grace period) and exits 0.
/// </summary>
internal static class StartRunner
{
    private const string Host = "127.0.0.1";
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(StartCommand command, TextWriter output, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        var dataDir = Path.GetFullPath(command.DataDir);
        Directory.CreateDirectory(dataDir);
        var nodes = new List<NodeProcess>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await output.WriteLineAsync($"DistSys: a master and {command.Workers} worker(s) on {Host}; Ctrl-C or SIGTERM stops them all.").ConfigureAwait(false);
        try
        {
            // The master first and alone: on a first run it creates ~/.distsys.cookie and ~/.distsys.token,
            // which the workers then read; started together, each node would create a secret of its own.
            var master = Start(nodes, "master", command.Port, ["master", Host, $"{command.Port}"], dataDir);
            if (!await WhenHealthyAsync(http, master, output, stop).ConfigureAwait(false))
            {
                return ExitCodes.Failure;
            }

            for (var i = 1; i <= command.Workers; i++)
            {
                var port = command.Port + i;
                Start(nodes, $"worker{i}", port, [$"worker{i}", Host, $"{port}", Host, $"{command.Port}"], dataDir);
            }

            foreach (var node in nodes.Skip(1))
            {
                if (!await WhenHealthyAsync(http, node, output, stop).ConfigureAwait(false))
                {
                    return ExitCodes.Failure;
                }
            }

            await PrintWhereAsync(output, nodes, dataDir, command.Port, started).ConfigureAwait(false);
            return await RunUntilStoppedAsync(nodes, output, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Ok; // a signal during start-up is a request to stop, like a node's own
        }
        finally
        {
            await output.WriteAsync($"stopping {nodes.Count} node(s) (pids {string.Join(' ', nodes.Select(n => n.Pid))}) ...").ConfigureAwait(false);
            await Task.WhenAll(nodes.Select(n => n.StopAsync(s_grace))).ConfigureAwait(false);
            foreach (var node in nodes)
            {
                node.Dispose();
            }

            await output.WriteLineAsync(" done").ConfigureAwait(false);
        }
    }

    private static NodeProcess Start(List<NodeProcess> nodes, string name, int port, string[] args, string dataDir)
    {
        var node = NodeProcess.Start(name, port, [.. args, "--data-dir", Path.Combine(dataDir, name)],
            new Dictionary<string, string?>(), Path.Combine(dataDir, $"{name}.log"));
        nodes.Add(node);
        return node;
    }

    /// <summary>Polls <c>GET /healthz</c> until 200; false (with one line saying why) when the node exits first or takes too long.</summary>
    internal static async Task<bool> WhenHealthyAsync(HttpClient http, NodeProcess node, TextWriter output, CancellationToken stop)
    {
        var since = Stopwatch.GetTimestamp();
        var url = new Uri($"http://{Host}:{node.Port}/healthz");
        while (!node.HasExited && Stopwatch.GetElapsedTime(since) < s_patience)
        {
            try
            {
                using var response = await http.GetAsync(url, stop).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!stop.IsCancellationRequested)
            {
                // One slow answer while it starts.
            }

            await Task.Delay(s_poll, stop).ConfigureAwait(false);
        }

        await output.WriteLineAsync(node.HasExited
            ? $"start failed: {node.Name} exited before it was healthy (see {node.LogPath})"
            : $"start failed: {node.Name} did not answer GET {url} within {s_patience.TotalSeconds:0} s (see {node.LogPath})").ConfigureAwait(false);
        return false;
    }

    private static async Task PrintWhereAsync(TextWriter output, List<NodeProcess> nodes, string dataDir, int masterPort, long started)
    {
        foreach (var node in nodes)
        {
            await output.WriteLineAsync($"  {node.Name,-8} http://{Host}:{node.Port}  pid {node.Pid,-7} data {Path.Combine(dataDir, node.Name)}  log {node.LogPath}")
                .ConfigureAwait(false);
        }

        await output.WriteLineAsync($"""
              REST API   http://{Host}:{masterPort}/api/jobs (docs/api.md); ./bin/distributed_system client {Host}:{masterPort} workers
              API token  {TokenLocation()}
              data       {dataDir} (the master's jobs in master/jobs/jobs.db)
            cluster up after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s
            """).ConfigureAwait(false);
    }

    /// <summary>Where the nodes found their API token: the same lookup a node makes when no option names one.</summary>
    private static string TokenLocation()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ApiTokenSource.EnvironmentVariable)))
        {
            return $"the {ApiTokenSource.EnvironmentVariable} environment variable";
        }

        return Environment.GetEnvironmentVariable(ApiTokenSource.FileEnvironmentVariable) is { Length: > 0 } file
            ? file
            : ApiTokenSource.FromProcess().HomeFile ?? $"~/{ApiTokenSource.FileName}";
    }

    /// <summary>Until a signal: a worker that exits is reported and the rest keep running; the master exiting ends them all (exit 1).</summary>
    private static async Task<int> RunUntilStoppedAsync(List<NodeProcess> nodes, TextWriter output, CancellationToken stop)
    {
        var running = nodes.ToDictionary(n => n.ExitedAsync(stop), n => n);
        while (true)
        {
            var exited = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            stop.ThrowIfCancellationRequested();
            var node = running[exited];
            running.Remove(exited);
            var code = await exited.ConfigureAwait(false);
            if (node == nodes[0])
            {
                await output.WriteLineAsync($"the master exited with code {code} (see {node.LogPath}); stopping the workers").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await output.WriteLineAsync($"{node.Name} (pid {node.Pid}) exited with code {code} (see {node.LogPath}); the others keep running").ConfigureAwait(false);
        }
    }
}
