using System.Text.Json.Serialization;

namespace DistSys.Host.Plugins;

/// <summary>Source-generated JSON for the plugin endpoints' own types (snake_case, as every endpoint group).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(PluginDeployRequest))]
[JsonSerializable(typeof(PluginView))]
[JsonSerializable(typeof(PluginList))]
[JsonSerializable(typeof(PluginNodeOutcomes))]
internal sealed partial class PluginJsonContext : JsonSerializerContext;
