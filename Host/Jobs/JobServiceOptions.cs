using DistSys.Jobs.Inputs;
using DistSys.Jobs.Operations;

namespace DistSys.Jobs;

/// <summary>Settings of the job service on one node; the defaults suit a loopback cluster.</summary>
internal sealed record JobServiceOptions
{
    /// <summary>The master's data directory; the store is <c>jobs.db</c> in it.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// A PostgreSQL connection string (<c>--store</c>): the store several masters share; null keeps the
    /// embedded SQLite store in <see cref="DataDirectory"/>.
    /// </summary>
    public string? StoreConnection { get; init; }

    /// <summary>Where results too large for the store's rows go, one part file per task (<c>DATA_DIR/outputs</c> on a node); null: <c>outputs</c> in <see cref="DataDirectory"/>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Where a job's <c>file</c> inputs must live (<c>--input-dir</c>); null refuses file inputs.</summary>
    public InputRoot? Inputs { get; init; }

    /// <summary>The operations this node runs and accepts.</summary>
    public OperationRegistry Operations { get; init; } = OperationRegistry.CreateDefault();

    /// <summary>
    /// Below this many free bytes on the store's file system (<c>jobs:min_free_mib</c>, default 64 MiB), new jobs
    /// are refused with 507 before the disk is full, so the work already accepted has room to finish.
    /// </summary>
    public long MinFreeBytes { get; init; } = 64L << 20;

    /// <summary>How long a worker may stay silent before its leases are revoked and its tasks re-queued.</summary>
    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a new scheduler keeps the leases its store records as running, for their workers to claim
    /// back in their hello (a takeover on a shared store, docs/ha.md): a claimed task is not run again.
    /// Zero (the embedded store) releases them at start, so their tasks run again.
    /// </summary>
    public TimeSpan AdoptWindow { get; init; }

    /// <summary>
    /// A shared store's <see cref="AdoptWindow"/>: room for a worker to see its master gone, go round its
    /// masters with a join backoff of up to 2 s, find the new scheduler and say hello; a worker slower
    /// than this is treated as lost.
    /// </summary>
    public static readonly TimeSpan TakeoverAdoptWindow = TimeSpan.FromSeconds(10);

    /// <summary>How often the scheduler looks for expired leases.</summary>
    public TimeSpan LeaseCheckInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often an executor reports its load (which renews its leases); well under <see cref="LeaseTimeout"/>.</summary>
    public TimeSpan LoadInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The first retry's delay; each further retry of the same task doubles it, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many tasks an executor runs at once unless its registration says otherwise.</summary>
    public int MaxTasks { get; init; } = 64;

    /// <summary>
    /// Called by each new scheduler process as it starts, to make itself findable cluster-wide
    /// (the global name); false means the name is still held by a scheduler that is exiting.
    /// </summary>
    public Func<DistSys.Runtime.Pid, Task<bool>>? PublishScheduler { get; init; }

    /// <summary>Who holds the scheduler's global name now, so a new scheduler can wait for that holder's exit.</summary>
    public Func<Task<DistSys.Runtime.Pid?>>? FindScheduler { get; init; }

    /// <summary>Where the scheduler logs jobs starting and ending, workers joining and leases revoked.</summary>
    public Microsoft.Extensions.Logging.ILogger Logger { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Monotonic and wall clocks; tests may drive them.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
