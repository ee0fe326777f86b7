using System.Text.Json.Serialization;

namespace DistSys.Host.Hosting;

/// <summary>Source-generated JSON for the node endpoints (/healthz, /api/cluster, /api/status).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(ClusterView))]
[JsonSerializable(typeof(NodeStatusView))]
internal sealed partial class NodeJsonContext : JsonSerializerContext;
