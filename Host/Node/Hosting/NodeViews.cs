using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistSys.Host.Hosting;

/// <summary>GET /healthz when the node is ready.</summary>
internal sealed record HealthView(string Status, string Node);

/// <summary>One member of the cluster as this node sees it.</summary>
internal sealed record MemberView(
    string Name,
    int NodeId,
    string Address,
    int Incarnation,
    string Status,
    string Role,
    DateTimeOffset? LastHeartbeat,
    bool Self);

/// <summary>GET /api/cluster: this node's membership view.</summary>
internal sealed record ClusterView(string Node, int Up, IReadOnlyList<MemberView> Members);

/// <summary>GET /api/status: what this node is and how it is doing.</summary>
internal sealed record NodeStatusView(
    string Node,
    int NodeId,
    string Role,
    string Status,
    int Incarnation,
    string Listen,
    int ProcessCount,
    double UptimeSeconds,
    int MembersUp)
{
    /// <summary>The services' own sections by name (a worker's <c>jobs</c>); absent when no service has one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, JsonElement>? Services { get; init; }
}
