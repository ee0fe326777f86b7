using System.Text.Json.Serialization;

namespace DistSys.Host.Api;

/// <summary>
/// Source-generated JSON for the types every endpoint group shares (no reflection at run time).
/// Each endpoint group keeps its own context for its own request and response types.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ApiError))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
