using System.Diagnostics;
using System.Text.Json;
using DistSys.Host.Cli;
using DistSys.Host.Client;
using DistSys.Host.Start;

namespace DistSys.Host.Demo;

/// <summary>The demo's job: wait for the cluster, submit, kill worker1 a quarter of the way, check the result.</summary>
internal static partial class DemoRunner
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(45);

    private static async Task<int> RunJobAsync(JobClient api, List<NodeProcess> nodes, TextWriter output, long started, CancellationToken cancellation)
    {
        await WaitAsync(async () => (await api.WorkersAsync().ConfigureAwait(false)).GetProperty("workers").EnumerateArray()
            .Count(w => w.GetProperty("status").GetString() == "active") == 2, nodes, "two workers to register", cancellation).ConfigureAwait(false);
        await output.WriteLineAsync($"cluster up: master and 2 workers registered after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s").ConfigureAwait(false);
        await output.WriteLineAsync($"submitting \"Multiply demo\": {Config}").ConfigureAwait(false);
        var id = (await api.SubmitAsync("Multiply demo", JsonDocument.Parse(Config).RootElement).ConfigureAwait(false)).GetProperty("job_id").GetString()!;
        await output.WriteLineAsync($"  {id}: {Tasks} tasks of 10 numbers each, 250 ms of simulated work per task, 2 at a time per worker").ConfigureAwait(false);

        var victim = nodes[1];
        var killed = false;
        JsonElement job = default;
        var last = "";
        await WaitAsync(async () =>
        {
            job = await api.JobAsync(id).ConfigureAwait(false);
            var done = job.GetProperty("progress").GetProperty("done").GetInt32();
            var line = $"  {ClientRunner.Bar(done, Tasks)} {job.GetProperty("status").GetString()}";
            if (line != last)
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
                last = line;
            }

            if (!killed && done >= Tasks / 4)
            {
                killed = true;
                victim.Kill();
                await output.WriteLineAsync($"  killed {victim.Name} (pid {victim.Pid}) with SIGKILL mid-job: the master sees it down and re-queues its tasks")
                    .ConfigureAwait(false);
            }

            return job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled";
        }, nodes, $"{id} to finish", cancellation).ConfigureAwait(false);

        await output.WriteLineAsync(ClientRunner.JobLine(job)).ConfigureAwait(false);
        var result = (await api.ResultsAsync(id).ConfigureAwait(false)).GetProperty("result").EnumerateArray().Select(e => e.GetInt64()).ToList();
        var correct = result.Count == Numbers && result.Select((value, i) => value == Factor * (i + 1L)).All(ok => ok);
        var reruns = job.GetProperty("attempts").GetInt32() - Tasks;
        await output.WriteLineAsync(correct
            ? $"result checked: {result.Count} products {result[0]}, {result[1]}, {result[2]} … {result[^1]}, each exactly {Factor} × n for n = 1..{Numbers}; {reruns} task(s) re-run after {victim.Name} died"
            : $"RESULT WRONG: expected {Numbers} products 3 × n, got {result.Count} values").ConfigureAwait(false);
        return correct ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, List<NodeProcess> nodes, string what, CancellationToken cancellation)
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
                // The master is still starting: its port is not open yet.
            }

            if (nodes[0].HasExited || nodes[2].HasExited)
            {
                throw new ClientException($"a node exited while waiting for {what}");
            }

            if (Stopwatch.GetElapsedTime(deadline) > s_patience)
            {
                throw new ClientException($"gave up waiting for {what} after {s_patience.TotalSeconds:0} s");
            }

            await Task.Delay(s_poll, cancellation).ConfigureAwait(false);
        }
    }
}
