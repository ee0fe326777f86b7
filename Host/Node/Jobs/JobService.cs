using System.Buffers;
using System.Text.Json;
using DistSys.Jobs;
using DistSys.Jobs.Execution;
using DistSys.Jobs.Inputs;
using DistSys.Jobs.Messages;
using DistSys.Jobs.Operations;
using DistSys.Jobs.Scheduling;
using DistSys.Host.Hosting;
using DistSys.Runtime.Distribution;
using Microsoft.Extensions.Configuration;

namespace DistSys.Host.Jobs;

/// <summary>
/// The job service's one hook into a node (<see cref="AddTo"/>): on the master the scheduler (global
/// name <c>job_scheduler</c>), the store under the data directory and the REST endpoints; on a
/// worker the executor and its section of <c>GET /api/status</c>.
/// </summary>
internal static class JobService
{
    /// <summary>
    /// Adds the job service to the node. <paramref name="operations"/> is the node's operation registry
    /// when another service adds to it (the plugin service's <c>plugin:NAME</c> operations: pass the
    /// same registry to both); null uses the built-ins only. <paramref name="streams"/>, on a master, takes the
    /// streaming jobs the job endpoints are given.
    /// </summary>
    public static void AddTo(NodeContext context, OperationRegistry? operations = null, DistSys.Streams.StreamMaster? streams = null)
    {
        var cluster = context.Cluster;
        JobMessages.Register(cluster.MessageTypes);
        var options = new JobServiceOptions
        {
            DataDirectory = Path.Combine(context.DataDirectory, "jobs"),
            OutputDirectory = Path.Combine(context.DataDirectory, "outputs"),
            StoreConnection = cluster.Role == NodeRole.Master ? context.Settings.Store?.ConnectionString : null,
            AdoptWindow = cluster.Role == NodeRole.Master && context.Settings.Store is not null ? JobServiceOptions.TakeoverAdoptWindow : TimeSpan.Zero,
            Inputs = new InputRoot(context.Settings.InputDirectory),
            Operations = operations ?? OperationRegistry.CreateDefault(),
            MaxTasks = context.Configuration.GetValue("jobs:max_tasks", 64),
            MinFreeBytes = (long)context.Configuration.GetValue("jobs:min_free_mib", 64) << 20,
            PublishScheduler = pid => cluster.RegisterGlobalAsync(SchedulerProcess.Name, pid),
            FindScheduler = () => cluster.WhereisGlobalAsync(SchedulerProcess.Name),
            Logger = context.LoggerFactory.CreateLogger("DistSys.Jobs"),
        };
        if (options.MinFreeBytes is < 0 or > 1L << 50)
        {
            throw new ArgumentOutOfRangeException(nameof(context), "jobs:min_free_mib must be from 0 to 1073741824");
        }

        if (options.MaxTasks is < 1 or > ExecutorOptions.MaxTasksLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(context), $"jobs:max_tasks must be from 1 to {ExecutorOptions.MaxTasksLimit}");
        }

        if (cluster.Role == NodeRole.Master)
        {
            var master = new JobMaster(cluster.Runtime, options)
            {
                DialWorker = async (host, port, ct) => (await cluster.ConnectAsync(host, port, ct).ConfigureAwait(false)).Name,
            };
            if (master.Store is DistSys.Jobs.Storage.PostgresJobStore shared)
            {
                HaService.AddTo(context, shared);
            }

            if (streams is not null)
            {
                streams.Placement.Loads = async () => (await master.CallAsync<WorkerView[]>(new ListWorkers()).ConfigureAwait(false))
                    .ToDictionary(w => w.Id, w => new DistSys.Streams.Engine.WorkerLoad(w.ActiveTasks, w.MaxTasks), StringComparer.Ordinal);
            }

            context.AddService(master.SchedulerSpec);
            context.MapEndpoints(app => app.MapJobEndpoints(master, streams).MapWorkerEndpoints(master));
            return;
        }

        HaMasters.AddFollower(context);
        var mapMemoryMib = context.Configuration.GetValue("jobs:map_memory_mib", ExecutorOptions.DefaultMapMemoryMib);
        if (mapMemoryMib is < 1 or > ExecutorOptions.MaxMapMemoryMib)
        {
            throw new ArgumentOutOfRangeException(nameof(context), $"jobs:map_memory_mib must be from 1 to {ExecutorOptions.MaxMapMemoryMib}");
        }

        var worker = new JobWorker(new ExecutorOptions(cluster.Name, options.MaxTasks, options.Operations, options.FindScheduler) {
            Inputs = options.Inputs,
            ShuffleDirectory = Path.Combine(context.DataDirectory, "shuffle"),
            MapTableBytes = (long)mapMemoryMib << 20,
        });
        context.AddService(worker.ExecutorSpec);
        context.AddStatusSection("jobs", () => StatusSection(cluster.Name, worker.Status));
    }

    /// <summary>The worker's part of GET /api/status: its executor's state, active tasks and counters.</summary>
    private static JsonElement StatusSection(string node, ExecutorStatus status)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("worker_id", node);
            writer.WriteString("status", status.State);
            writer.WriteNumber("max_tasks", status.MaxTasks);
            var active = status.Active.ToArray();
            writer.WriteNumber("active_tasks", active.Length);
            writer.WriteStartArray("tasks");
            foreach (var ((jobId, index), (attempt, startedAt)) in active.Take(100))
            {
                writer.WriteStartObject();
                writer.WriteString("job_id", jobId);
                writer.WriteNumber("index", index);
                writer.WriteNumber("attempt", attempt);
                writer.WriteString("started_at", DateTimeOffset.FromUnixTimeMilliseconds(startedAt));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("metrics");
            writer.WriteNumber("completed_tasks", status.Completed);
            writer.WriteNumber("failed_tasks", status.Failed);
            writer.WriteNumber("cancelled_tasks", status.Cancelled);
            writer.WriteNumber("slices_read_locally", status.LocalSlices);
            writer.WriteNumber("slices_served_by_master", status.RemoteSlices);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
