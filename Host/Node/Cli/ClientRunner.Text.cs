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

    /// <summary>The <c>ha</c> section of a master's status (docs/ha.md): who leads, at which epoch, and the standbys.</summary>
    internal static string MasterLines(JsonElement status, DateTimeOffset now)
    {
        var node = status.GetProperty("node").GetString();
        if (!status.TryGetProperty("services", out var services) || !services.TryGetProperty("ha", out var ha) || !ha.TryGetProperty("role", out var role))
        {
            return $"{node}: a master on its own store, no standbys (masters share a PostgreSQL store with --store: docs/ha.md)";
        }

        var text = new StringBuilder();
        var leader = ha.GetProperty("leader").GetString() ?? "none yet";
        var address = ha.GetProperty("leader_address").GetString();
        text.Append(CultureInfo.InvariantCulture,
            $"leader {leader}{(address is null ? "" : $" at {address}")}, epoch {ha.GetProperty("epoch").GetInt64()}, store {ha.GetProperty("store").GetString()} (asked {node}, the {role.GetString()})");
        var standbys = ha.GetProperty("standbys").EnumerateArray().ToList();
        foreach (var standby in standbys)
        {
            var seen = (now.ToUnixTimeMilliseconds() - standby.GetProperty("last_seen").GetInt64()) / 1000.0;
            text.AppendLine().Append(CultureInfo.InvariantCulture,
                $"standby {standby.GetProperty("name").GetString()} at {standby.GetProperty("address").GetString()}, seen {Math.Max(0, seen):0.0} s ago");
        }

        if (standbys.Count == 0)
        {
            text.AppendLine().Append("no standby seen within two lease TTLs");
        }

        return text.ToString();
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
