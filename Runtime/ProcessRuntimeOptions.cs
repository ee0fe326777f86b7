namespace DistSys.Runtime;

/// <summary>Settings of one node's process runtime.</summary>
public sealed record ProcessRuntimeOptions
{
    /// <summary>This node's index in the cluster (0 for a standalone node).</summary>
    public int NodeId { get; init; }

    /// <summary>
    /// This node's incarnation; 0 picks a fresh one. A restarted node must get a new value so pids
    /// of its previous life are refused.
    /// </summary>
    public int Incarnation { get; init; }

    /// <summary>Messages a process handles per turn before it yields its scheduler (Erlang's reductions).</summary>
    public int Throughput { get; init; } = 300;

    /// <summary>Most processes alive at once (Erlang's process limit).</summary>
    public int MaxProcesses { get; init; } = 1 << 24;

    /// <summary>Which scheduler to use.</summary>
    public SchedulerKind Scheduler { get; init; } = SchedulerKind.ThreadPool;

    /// <summary>Thread count for <see cref="SchedulerKind.Dedicated"/>; 0 means one per core.</summary>
    public int SchedulerThreads { get; init; }

    /// <summary>The clock and timer source; tests may inject their own.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
