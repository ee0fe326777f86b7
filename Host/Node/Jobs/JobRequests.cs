using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using DistSys.Jobs;
using DistSys.Jobs.Execution;

namespace DistSys.Host.Jobs;

// The request bodies of the job and worker endpoints, for the OpenAPI document only: the endpoints read them
// field by field (JsonBodyReader, HeartbeatReader) so that every refusal names its field and an unknown field
// is refused. Each record has exactly the fields its endpoint knows (the config: the seed's). An optional field
// is a parameter with its default, or, when it has none a schema could show, a property; none may be null
// but the config.

/// <summary>POST /api/jobs: a batch job.</summary>
/// <param name="Name">The job's name, without control, format or line-separator characters.</param>
/// <param name="Type">"batch", the only job type this build runs.</param>
/// <param name="Config">The job config; absent, a sum over 1..40 in 4 tasks.</param>
internal sealed record JobSubmitRequest(
    [property: StringLength(JobEndpoints.MaxNameLength, MinimumLength = 1)] string Name,
    string Type = "batch",
    JobConfigRequest? Config = null);

/// <summary>
/// A batch job's config. The seed's fields are shown; the config takes more, per operation (inline data or input
/// files, retries, timeouts), each with its default and range in docs/jobs.md, "Job config". An unknown field is refused.
/// </summary>
/// <param name="Operation">multiply, sum, sort, wordcount, count_by, sum_by, sleep, or a plugin's plugin:NAME.</param>
/// <param name="TaskCount">How many tasks (partitions) the job is split into; for input files, one per 64 MiB by default.</param>
internal sealed record JobConfigRequest(
    string Operation = "sum",
    [property: Range(1, JobConfig.MaxTaskCount)] int TaskCount = JobConfig.DefaultTaskCount)
{
    /// <summary>multiply only, and required there: what every number is multiplied by.</summary>
    [Range(0, JobConfig.MaxFactor)]
    public double Factor { get; init; }
}

/// <summary>POST /api/workers/register: the seed's registration of a worker by its address.</summary>
/// <param name="Address">HOST:PORT of the node to dial (cluster protocol, same cookie).</param>
/// <param name="MaxTasks">How many tasks the scheduler gives it at once until its executor says hello.</param>
internal sealed record WorkerRegisterRequest(
    string Address,
    [property: Range(1, ExecutorOptions.MaxTasksLimit)] int MaxTasks = WorkerEndpoints.DefaultMaxTasks);

/// <summary>POST /api/workers/heartbeat: what a registered worker reports about itself.</summary>
/// <param name="WorkerId">A registered worker's id (its node's name).</param>
/// <param name="Status">One word of letters and digits, shown in GET /api/workers.</param>
/// <param name="ActiveTasks">The tasks it runs now, 0 or more.</param>
internal sealed record WorkerHeartbeatRequest(
    [property: StringLength(HeartbeatReader.MaxWorkerIdLength, MinimumLength = 1)] string WorkerId,
    [property: StringLength(HeartbeatReader.MaxStatusLength, MinimumLength = 1)] string Status = HeartbeatReader.DefaultStatus,
    [property: Range(0, int.MaxValue)] int ActiveTasks = 0)
{
    // Optional without a default a schema can show (and never null): so properties, not parameters.

    /// <summary>Any JSON object, shown in GET /api/workers.</summary>
    public Dictionary<string, JsonElement> Metrics { get; init; } = [];

    /// <summary>When the worker sent it, RFC 3339; absent, when the master received it.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
