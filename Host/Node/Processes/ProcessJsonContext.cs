using System.Text.Json.Serialization;

namespace DistSys.Host.Processes;

/// <summary>Source-generated JSON for the process endpoints (/api/processes/top, /api/supervision).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TopView))]
[JsonSerializable(typeof(SupervisionView))]
internal sealed partial class ProcessJsonContext : JsonSerializerContext;
