using System.Diagnostics;
using System.Text.Json;
using DistSys.Host.Client;

namespace DistSys.Host.Cli;

/// <summary><c>wait</c>: polls the job until it ends, drawing a progress bar on a terminal or printing a line per change when piped.</summary>
internal static partial class ClientRunner
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(200);

    private static async Task<int> WaitAsync(JobClient api, ClientCommand client, TextWriter stdout, bool interactive)
    {
        var started = Stopwatch.GetTimestamp();
        var last = "";
        while (true)
        {
            var job = await api.JobAsync(client.Argument!).ConfigureAwait(false);
            var status = job.GetProperty("status").GetString();
            var progress = job.GetProperty("progress");
            var line = $"{Bar(progress.GetProperty("done").GetInt32(), progress.GetProperty("total").GetInt32())} {status}";
            if (!client.Json && line != last)
            {
                await stdout.WriteAsync(interactive ? $"\r{line}" : line + Environment.NewLine).ConfigureAwait(false);
                last = line;
            }

            if (status is "completed" or "failed" or "cancelled")
            {
                if (interactive && !client.Json)
                {
                    await stdout.WriteLineAsync().ConfigureAwait(false);
                }

                await FinishAsync(api, client, stdout, job, status).ConfigureAwait(false);
                return status == "completed" ? ExitCodes.Ok : ExitCodes.Failure;
            }

            if (client.Timeout is { } limit && Stopwatch.GetElapsedTime(started) >= limit)
            {
                if (interactive && !client.Json)
                {
                    await stdout.WriteLineAsync().ConfigureAwait(false);
                }

                await stdout.WriteLineAsync(client.Json ? job.GetRawText() : $"timed out after {limit.TotalSeconds:0.###} s: {JobLine(job)}")
                    .ConfigureAwait(false);
                return ExitCodes.Timeout;
            }

            await Task.Delay(s_poll).ConfigureAwait(false);
        }
    }

    private static async Task FinishAsync(JobClient api, ClientCommand client, TextWriter stdout, JsonElement job, string? status)
    {
        if (client.Json)
        {
            await stdout.WriteLineAsync(job.GetRawText()).ConfigureAwait(false);
            return;
        }

        await stdout.WriteLineAsync(JobLine(job)).ConfigureAwait(false);
        if (status == "completed")
        {
            var results = await api.ResultsAsync(client.Argument!).ConfigureAwait(false);
            var result = results.GetProperty("result").GetRawText();
            await stdout.WriteLineAsync(result.Length <= 2000 ? $"result: {result}" : $"result: {result[..2000]}… (client results {client.Argument} for all of it)")
                .ConfigureAwait(false);
        }
    }
}
