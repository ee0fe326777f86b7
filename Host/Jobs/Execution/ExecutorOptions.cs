using DistSys.Jobs.Inputs;
using DistSys.Jobs.Operations;
using DistSys.Runtime;

namespace DistSys.Jobs.Execution;

/// <summary>What an executor needs: its node's name, capacity, operations, and how to find the scheduler.</summary>
internal sealed record ExecutorOptions(
    string Node,
    int MaxTasks,
    OperationRegistry Operations,
    Func<Task<Pid?>> FindScheduler)
{
    /// <summary>The most tasks one executor may run at once, whoever sets it (<c>jobs:max_tasks</c>, a worker's registration).</summary>
    public const int MaxTasksLimit = 10_000;

    /// <summary>
    /// This worker's own input root (<c>--input-dir</c>): a task's file slice is read from it directly
    /// when it holds the same file as the master; null reads every slice through the master.
    /// </summary>
    public InputRoot? Inputs { get; init; }

    /// <summary>Where map tasks leave their shuffled outputs (<c>DATA_DIR/shuffle</c> on a node); null: a directory of this process's under the system's temp.</summary>
    public string? ShuffleDirectory { get; init; }

    /// <summary>
    /// The largest result (UTF-8 bytes) an attempt reports inside its <see cref="Messages.TaskOutcome"/>;
    /// a larger one (a reduce task's part over many keys) stays in a file on this worker and the
    /// scheduler fetches it in chunks, so results are not bounded by a frame's size.
    /// </summary>
    public int MaxInlineOutputBytes { get; init; } = 1 << 20;

    /// <summary>
    /// About how many bytes of keys a map task of a shuffled job holds before it writes them to its
    /// buckets as a run and starts again empty (<c>jobs:map_memory_mib</c>): a task's memory stays
    /// bounded however many distinct keys its partition has.
    /// </summary>
    public long MapTableBytes { get; init; } = DefaultMapMemoryMib << 20;

    /// <summary>The default of <see cref="MapTableBytes"/> in MiB, and its range.</summary>
    public const int DefaultMapMemoryMib = 64, MaxMapMemoryMib = 16_384;

    /// <summary>How many tasks placed on the thread pool run at once (one per core); the rest wait for a slot.</summary>
    public int CpuSlots { get; init; } = Environment.ProcessorCount;

    /// <summary>How often it reports load (renewing its leases).</summary>
    public TimeSpan LoadInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long it waits before looking for the scheduler again.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromMilliseconds(200);
}
