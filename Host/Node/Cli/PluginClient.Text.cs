using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DistSys.Host.Cli;

/// <summary>The human-readable lines of <c>plugin</c>'s output, as the job commands print theirs (<see cref="ClientRunner"/>).</summary>
internal static partial class PluginClient
{
    /// <summary>What a successful answer says, in lines: the plugin after the change, then on a master each node's outcome.</summary>
    internal static string Lines(PluginClientCommand command, string body)
    {
        if (body.Length == 0)
        {
            return command.Action == PluginAction.Stop ? $"stopped {command.Name}" : "done";
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var lines = new List<string>();
        switch (command.Action)
        {
            case PluginAction.List:
                var plugins = root.GetProperty("plugins").EnumerateArray().ToList();
                lines.AddRange(plugins.Count == 0 ? ["no plugins"] : plugins.Select(PluginLine));
                break;
            case PluginAction.Deploy:
                lines.Add($"deployed {PluginLine(root)}");
                break;
            case PluginAction.Rollback:
                lines.Add($"rolled back {PluginLine(root)}");
                break;
            default:
                lines.Add($"stopped {command.Name}");
                break;
        }

        if (root.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array)
        {
            lines.AddRange(nodes.EnumerateArray().Select(NodeLine));
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary><c>echo 2: running, pid 4242, 10 requests, 0 failures, 0 restarts, mean 0.4 ms, max 1.2 ms, previous 1</c>, then any last error.</summary>
    internal static string PluginLine(JsonElement plugin)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture,
            $"{Text(plugin, "name")} {Text(plugin, "version")}: {Text(plugin, "state")}, pid {plugin.GetProperty("process_id").GetInt32()}, " +
            $"{plugin.GetProperty("requests").GetInt64()} requests, {plugin.GetProperty("failures").GetInt64()} failures, " +
            $"{plugin.GetProperty("restarts").GetInt32()} restarts, " +
            $"mean {plugin.GetProperty("mean_latency_ms").GetDouble():0.##} ms, max {plugin.GetProperty("max_latency_ms").GetDouble():0.##} ms");
        if (Text(plugin, "previous_version") is { Length: > 0 } previous)
        {
            line.Append(CultureInfo.InvariantCulture, $", previous {previous}");
        }

        if (Text(plugin, "last_error") is { Length: > 0 } error)
        {
            line.Append(CultureInfo.InvariantCulture, $"; last error: {error}");
        }

        return line.ToString();
    }

    /// <summary><c>  worker1: ok, version 2</c> or <c>  worker1: failed: invalid_path no such file</c>.</summary>
    private static string NodeLine(JsonElement node)
    {
        var name = Text(node, "node");
        if (node.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.False)
        {
            return $"  {name}: failed: {Text(node, "error")} {Text(node, "detail")}".TrimEnd();
        }

        return Text(node, "version") is { Length: > 0 } version ? $"  {name}: ok, version {version}" : $"  {name}: ok";
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
