using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DistSys.Host.Cli;

/// <summary>The human-readable lines of the client's output.</summary>
internal static partial class ClientRunner
{
    internal static string JobLine(JsonElement job)
    {
        if (job.TryGetProperty("type", out var type) && type.GetString() == "streaming")
        {
            return StreamLines(job);
        }

        var progress = job.GetProperty("progress");
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture,
            $"{job.GetProperty("job_id").GetString()} {job.GetProperty("name").GetString()}: {job.GetProperty("status").GetString()} " +
            $"{progress.GetProperty("done").GetInt32()}/{progress.GetProperty("total").GetInt32()} tasks " +
            $"({progress.GetProperty("percent").GetDouble():0.#}%)");
        if (progress.GetProperty("running").GetInt32() is > 0 and var running)
        {
            line.Append(CultureInfo.InvariantCulture, $", {running} running");
        }

        if (progress.GetProperty("retrying").GetInt32() is > 0 and var retrying)
        {
            line.Append(CultureInfo.InvariantCulture, $", {retrying} retrying");
        }

        line.Append(CultureInfo.InvariantCulture, $", {job.GetProperty("attempts").GetInt32()} attempts");
        if (job.GetProperty("duration_ms").ValueKind == JsonValueKind.Number)
        {
            line.Append(CultureInfo.InvariantCulture, $", took {job.GetProperty("duration_ms").GetInt64()} ms");
        }

        if (job.GetProperty("error").GetString() is { } error)
        {
            line.Append(CultureInfo.InvariantCulture, $"; error: {error}");
        }

        return line.ToString();
    }

    private static string ListLines(JsonElement page)
    {
        var jobs = page.GetProperty("jobs").EnumerateArray().ToList();
        return jobs.Count == 0 ? "no jobs" : string.Join(Environment.NewLine, jobs.Select(JobLine));
    }

    private static string WorkerLines(JsonElement body)
    {
        var workers = body.GetProperty("workers").EnumerateArray().ToList();
        return workers.Count == 0
            ? "no workers"
            : string.Join(Environment.NewLine, workers.Select(w => string.Create(CultureInfo.InvariantCulture,
                $"{w.GetProperty("worker_id").GetString()}: {w.GetProperty("status").GetString()}, " +
                $"{w.GetProperty("active_tasks").GetInt32()}/{w.GetProperty("max_tasks").GetInt32()} tasks, " +
                $"{w.GetProperty("completed_tasks").GetInt64()} completed, {w.GetProperty("failed_tasks").GetInt64()} failed")));
    }

    /// <summary>A 30-character bar: <c>[##########--------------------]  12/30  40%</c>.</summary>
    internal static string Bar(int done, int total)
    {
        const int Width = 30;
        var filled = total == 0 ? Width : done * Width / total;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', Width - filled)}] {done,6}/{total} {100.0 * done / Math.Max(1, total),5:0.0}%");
    }
}
