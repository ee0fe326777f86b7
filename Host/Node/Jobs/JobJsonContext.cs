using System.Text.Json.Serialization;

namespace DistSys.Host.Jobs;

/// <summary>Source-generated JSON for the job and worker endpoints.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(JobStatusView))]
[JsonSerializable(typeof(JobListView))]
[JsonSerializable(typeof(WorkerStatusView))]
[JsonSerializable(typeof(WorkerListView))]
[JsonSerializable(typeof(FollowerView))]
internal sealed partial class JobJsonContext : JsonSerializerContext;
