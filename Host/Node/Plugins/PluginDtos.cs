using System.Text.Json.Serialization;
using DistSys.Plugins;
using DistSys.Plugins.Cluster;

namespace DistSys.Host.Plugins;

/// <summary>POST /api/plugins: deploy (or hot-swap to) a plugin version.</summary>
internal sealed record PluginDeployRequest(string? Name, string? Version, string? Path);

/// <summary>One deployed plugin in the API's answers.</summary>
internal sealed record PluginView(
    string Name,
    string Version,
    string? PreviousVersion,
    string State,
    int ProcessId,
    long Requests,
    long Failures,
    int Restarts,
    double MeanLatencyMs,
    double MaxLatencyMs,
    string? LastError)
{
    /// <summary>On the master: the outcome on every node (itself first, then each worker that was up); absent elsewhere.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PluginNodeOutcome>? Nodes { get; init; }

    public static PluginView Of(PluginInfo info) => new(
        info.Name,
        info.Version,
        info.PreviousVersion,
        info.State,
        info.ProcessId,
        info.Requests,
        info.Failures,
        info.Restarts,
        info.MeanLatency.TotalMilliseconds,
        info.MaxLatency.TotalMilliseconds,
        info.LastError);
}

/// <summary>GET /api/plugins.</summary>
internal sealed record PluginList(IReadOnlyList<PluginView> Plugins);

/// <summary>DELETE /api/plugins/{name} on the master: the outcome on every node.</summary>
internal sealed record PluginNodeOutcomes(IReadOnlyList<PluginNodeOutcome> Nodes);
