using DistSys.Runtime;

namespace DistSys.Jobs.Scheduling;

/// <summary>
/// A worker as the scheduler sees it: its executor process (none while it is down or only
/// registered over REST), its capacity and load, and the leases it holds.
/// </summary>
internal sealed class WorkerSlot(string id, long registeredAt)
{
    /// <summary>A worker known from the store after a restart: down until its executor says hello again.</summary>
    public static WorkerSlot From(Storage.WorkerRow row) => new(row.Id, row.RegisteredAt)
    {
        Address = row.Address,
        MaxTasks = row.MaxTasks,
        RegisteredMaxTasks = row.Address is null ? null : row.MaxTasks,
        LastHeartbeat = row.LastHeartbeat,
        Metrics = row.Metrics,
    };

    public string Id { get; } = id;

    public long RegisteredAt { get; } = registeredAt;

    public string? Address { get; set; }

    public Pid Executor { get; set; }

    /// <summary>The executor's shuffle server, which serves the map outputs this worker wrote.</summary>
    public Pid ShuffleServer { get; set; }

    public MonitorRef Monitor { get; set; }

    public int MaxTasks { get; set; }

    /// <summary>max_tasks given at REST registration; wins over the executor's own.</summary>
    public int? RegisteredMaxTasks { get; set; }

    /// <summary>Monotonic milliseconds of the last sign of life (load report or heartbeat).</summary>
    public long LastSeen { get; set; }

    /// <summary>Wall-clock milliseconds of the last sign of life, for the API.</summary>
    public long? LastHeartbeat { get; set; }

    public bool Unresponsive { get; set; }

    public long Completed { get; set; }

    public long Failed { get; set; }

    public string? ReportedStatus { get; set; }

    public string? Metrics { get; set; }

    public HashSet<TaskKey> Leases { get; } = [];

    /// <summary>Tasks claimed for this worker in the scheduler's current turn, sent as one message at its end.</summary>
    public List<Operations.TaskInput> Outbox { get; } = [];

    public bool CanRun => !Executor.IsNone && !Unresponsive && Leases.Count < MaxTasks;

    public string Status => Executor.IsNone
        ? (RegisteredMaxTasks is not null && LastHeartbeat is null ? "registered" : "down")
        : Unresponsive ? "unresponsive" : ReportedStatus ?? "active";

    public WorkerView View() =>
        new(Id, Address, Status, MaxTasks, Leases.Count, Completed, Failed, RegisteredAt, LastHeartbeat, Metrics);
}
