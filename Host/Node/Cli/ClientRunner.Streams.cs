using System.Globalization;
using System.Text;
using System.Text.Json;
using DistSys.Host.Client;

namespace DistSys.Host.Cli;

/// <summary>The streaming side of the client: a topology from a file, a stream's status lines, tail.</summary>
internal static partial class ClientRunner
{
    public const int MaxConfigFileBytes = 16 << 20;

    private static readonly TimeSpan s_tailPoll = TimeSpan.FromMilliseconds(500);

    // CONFIG_JSON or @FILE; for streaming, a bare topology ({"nodes": [...]}) is wrapped as {"topology": ...}.
    private static JsonElement ReadConfig(string text, string type)
    {
        if (text.StartsWith('@'))
        {
            var path = text[1..];
            try
            {
                if (new FileInfo(path).Length > MaxConfigFileBytes)
                {
                    throw new ClientException($"{path}: larger than {MaxConfigFileBytes} bytes");
                }

                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ClientException($"cannot read {path}: {ex.Message}");
            }
        }

        JsonElement config;
        try
        {
            config = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ClientException($"CONFIG_JSON is not valid JSON: {ex.Message}");
        }

        return type == "streaming" && config.ValueKind == JsonValueKind.Object && config.TryGetProperty("nodes", out _)
            ? JsonDocument.Parse($"{{\"topology\":{config.GetRawText()}}}").RootElement.Clone()
            : config;
    }

    /// <summary>status of a topology: one line for it, one per node (rate, counts, backlog, where each instance runs), one per source.</summary>
    internal static string StreamLines(JsonElement stream)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{stream.GetProperty("job_id").GetString()} {stream.GetProperty("name").GetString()}: streaming, {stream.GetProperty("status").GetString()}, {stream.GetProperty("restarts").GetInt32()} restarts" +
            $" ({stream.GetProperty("plugin_failures").GetInt32()} after a plugin failure)");
        if (stream.GetProperty("error").GetString() is { } error)
        {
            text.Append(CultureInfo.InvariantCulture, $"; error: {error}");
        }

        foreach (var node in stream.GetProperty("nodes").EnumerateArray())
        {
            var places = string.Join(",", node.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("runs_on").GetString()).Distinct());
            text.AppendLine().Append(CultureInfo.InvariantCulture,
                $"  {node.GetProperty("id").GetString()} x{node.GetProperty("parallelism").GetInt32()} on {places}: {node.GetProperty("rate").GetDouble():0.#} ev/s, " +
                $"{node.GetProperty("events_in").GetInt64()} in, {node.GetProperty("events_out").GetInt64()} out, backlog {node.GetProperty("backlog").GetInt32()} batches");
        }

        foreach (var source in stream.GetProperty("sources").EnumerateArray())
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture,
                $"  source {source.GetProperty("node").GetString()}: read {source.GetProperty("read").GetInt64()}, acked {source.GetProperty("acked").GetInt64()}, replayed {source.GetProperty("replayed").GetInt64()}");
            if (source.GetProperty("log_bytes").ValueKind == JsonValueKind.Number)
            {
                text.Append(CultureInfo.InvariantCulture, $", log {source.GetProperty("log_bytes").GetInt64()}/{source.GetProperty("log_capacity").GetInt64()} bytes");
            }
        }

        return text.ToString();
    }

    // Follows a collect sink from offset 0 until the topology has ended and the sink holds nothing more.
    private static async Task<int> TailAsync(JobClient api, ClientCommand client, TextWriter stdout)
    {
        long from = 0;
        while (true)
        {
            var ended = (await api.JobAsync(client.Argument!).ConfigureAwait(false)).GetProperty("status").GetString() is "stopped" or "completed" or "failed";
            var (lines, next) = await api.SinkAsync(client.Argument!, client.Sink!, from, 1000).ConfigureAwait(false);
            foreach (var line in lines)
            {
                await stdout.WriteLineAsync(line).ConfigureAwait(false);
            }

            await stdout.FlushAsync().ConfigureAwait(false);
            from = next;
            if (lines.Length == 0)
            {
                if (ended)
                {
                    return ExitCodes.Ok;
                }

                await Task.Delay(s_tailPoll).ConfigureAwait(false);
            }
        }
    }
}
