using DistSys.Runtime;
using MessagePack;

namespace DistSys.Jobs.Messages;

/// <summary>
/// Executor → scheduler: "I run tasks for node <see cref="Node"/>, at most <see cref="MaxTasks"/> at
/// once; the map outputs I write are served by <see cref="ShuffleServer"/>; I still hold <see cref="Held"/>."
/// </summary>
[MessagePackObject]
public sealed record ExecutorHello([property: Key(0)] Pid Executor, [property: Key(1)] string Node, [property: Key(2)] int MaxTasks)
{
    [Key(3)]
    public Pid ShuffleServer { get; init; }

    /// <summary>
    /// The attempts this executor still runs, or has finished without having reported them, since its
    /// previous scheduler went away (a master takeover, docs/ha.md): the new scheduler keeps the leases
    /// its store records for them and cancels the rest. Bounded by the executor's max_tasks.
    /// </summary>
    [Key(4)]
    public HeldTask[] Held { get; init; } = [];
}

/// <summary>One attempt an executor holds when it says hello to a new scheduler.</summary>
[MessagePackObject]
public sealed record HeldTask([property: Key(0)] string JobId, [property: Key(1)] int Index, [property: Key(2)] int Attempt);
