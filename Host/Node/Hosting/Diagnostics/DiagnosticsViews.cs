using System.Text.Json.Serialization;

namespace DistSys.Host.Hosting.Diagnostics;

internal sealed record PingView(string Node, string Pid, int PidNode, string Reply);

internal sealed record GlobalView(string Name, bool Registered, string Pid, int PidNode, string? Reply);

internal sealed record PingPongView(string Node, int Count, bool InOrder, double ElapsedMs);

internal sealed record WatchEventView(string Kind, string Node, string Reason, long AtUnixMs);

internal sealed record WatchView(IReadOnlyList<WatchEventView> Events);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PingView))]
[JsonSerializable(typeof(PingPongView))]
[JsonSerializable(typeof(GlobalView))]
[JsonSerializable(typeof(WatchView))]
internal sealed partial class DiagnosticsJsonContext : JsonSerializerContext;
