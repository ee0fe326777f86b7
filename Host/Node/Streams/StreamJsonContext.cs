using System.Text.Json.Serialization;

namespace DistSys.Host.Streams;

/// <summary>Source-generated JSON for the streaming endpoints.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StreamStatusView))]
[JsonSerializable(typeof(IngestView))]
internal sealed partial class StreamJsonContext : JsonSerializerContext;
