using System.Diagnostics;
using System.Text.Json;
using DistSys.Host.Api.Security;
using DistSys.Host.Cli;
using DistSys.Host.Client;
using DistSys.Host.Start;

namespace DistSys.Host.Demo;

/// <summary>The demo's job: wait for the cluster, submit, kill the victim a quarter of the way, check the result.</summary>
internal static partial class DemoRunner
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(45);

    /// <summary>One demo's cluster: the victim is a worker, or with <see cref="Ha"/> the leading master.</summary>
    private sealed record DemoRun(JobClient Api, ApiToken Token, List<NodeProcess> Nodes, NodeProcess Victim, bool Ha, TextWriter Output, long Started);

    private static async Task<int> RunJobAsync(DemoRun demo, CancellationToken cancellation)
    {
        var (api, output, victim) = (demo.Api, demo.Output, demo.Victim);
        await WaitAsync(demo, async () => (await api.WorkersAsync().ConfigureAwait(false)).GetProperty("workers").EnumerateArray()
            .Count(w => w.GetProperty("status").GetString() == "active") == 2, "two workers to register", cancellation).ConfigureAwait(false);
        if (demo.Ha)
        {
            // Killing the leader before a worker has learned of the standby would leave that worker nowhere to rejoin.
            await WaitAsync(demo, async () => await WorkersKnowBothMastersAsync(demo).ConfigureAwait(false), "both workers to learn of the standby", cancellation)
                .ConfigureAwait(false);
        }

        await output.WriteLineAsync(demo.Ha
            ? $"cluster up: master1 leads, master2 stands by, 2 workers registered and following both after {Stopwatch.GetElapsedTime(demo.Started).TotalSeconds:0.0} s"
            : $"cluster up: master and 2 workers registered after {Stopwatch.GetElapsedTime(demo.Started).TotalSeconds:0.0} s").ConfigureAwait(false);
        await output.WriteLineAsync($"submitting \"Multiply demo\": {Config}").ConfigureAwait(false);
        var id = (await api.SubmitAsync("Multiply demo", JsonDocument.Parse(Config).RootElement).ConfigureAwait(false)).GetProperty("job_id").GetString()!;
        await output.WriteLineAsync($"  {id}: {Tasks} tasks of 10 numbers each, 250 ms of simulated work per task, 2 at a time per worker").ConfigureAwait(false);

        long killedAt = 0;
        JsonElement job = default;
        var last = "";
        await WaitAsync(demo, async () =>
        {
            job = await api.JobAsync(id).ConfigureAwait(false);
            var done = job.GetProperty("progress").GetProperty("done").GetInt32();
            var line = $"  {ClientRunner.Bar(done, Tasks)} {job.GetProperty("status").GetString()}";
            if (killedAt != 0 && demo.Ha && last.Length != 0 && !last.StartsWith("  ", StringComparison.Ordinal))
            {
                await output.WriteLineAsync($"  master2 answers after {Stopwatch.GetElapsedTime(killedAt).TotalSeconds:0.0} s: it took the lease over and the workers rejoined it").ConfigureAwait(false);
            }

            if (line != last)
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
                last = line;
            }

            if (killedAt == 0 && done >= Tasks / 4)
            {
                killedAt = Stopwatch.GetTimestamp();
                victim.Kill();
                last = "killed"; // the next answer comes from the master that leads now
                await output.WriteLineAsync(demo.Ha
                    ? $"  killed the leader {victim.Name} (pid {victim.Pid}) with SIGKILL mid-job: the standby takes the lease when it lapses, the workers keep their tasks running"
                    : $"  killed {victim.Name} (pid {victim.Pid}) with SIGKILL mid-job: the master sees it down and re-queues its tasks").ConfigureAwait(false);
            }

            return job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled";
        }, $"{id} to finish", cancellation).ConfigureAwait(false);

        await output.WriteLineAsync(ClientRunner.JobLine(job)).ConfigureAwait(false);
        var result = (await api.ResultsAsync(id).ConfigureAwait(false)).GetProperty("result").EnumerateArray().Select(e => e.GetInt64()).ToList();
        var correct = result.Count == Numbers && result.Select((value, i) => value == Factor * (i + 1L)).All(ok => ok);
        var reruns = job.GetProperty("attempts").GetInt32() - Tasks;
        await output.WriteLineAsync(correct
            ? $"result checked: {result.Count} products {result[0]}, {result[1]}, {result[2]} … {result[^1]}, each exactly {Factor} × n for n = 1..{Numbers}; {reruns} task(s) re-run after {victim.Name} died"
            : $"RESULT WRONG: expected {Numbers} products 3 × n, got {result.Count} values").ConfigureAwait(false);
        return correct ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static async Task<bool> WorkersKnowBothMastersAsync(DemoRun demo)
    {
        foreach (var worker in demo.Nodes.Where(n => n.Name.StartsWith("worker", StringComparison.Ordinal)))
        {
            using var api = new JobClient([new Endpoint("127.0.0.1", worker.Port)], demo.Token);
            var status = await api.StatusAsync().ConfigureAwait(false);
            if (!status.TryGetProperty("services", out var services) || !services.TryGetProperty("ha", out var ha)
                || ha.GetProperty("masters").GetArrayLength() < 2)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task WaitAsync(DemoRun demo, Func<Task<bool>> condition, string what, CancellationToken cancellation)
    {
        var deadline = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                if (await condition().ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (ClientException) when (Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromSeconds(15))
            {
                // The master is still starting (its port is not open yet), or a standby is taking over.
            }

            if (demo.Nodes.Where(n => n != demo.Victim).FirstOrDefault(n => n.HasExited) is { } exited)
            {
                throw new ClientException($"{exited.Name} exited while waiting for {what} (see {exited.LogPath})");
            }

            if (Stopwatch.GetElapsedTime(deadline) > s_patience)
            {
                throw new ClientException($"gave up waiting for {what} after {s_patience.TotalSeconds:0} s");
            }

            await Task.Delay(s_poll, cancellation).ConfigureAwait(false);
        }
    }
}
