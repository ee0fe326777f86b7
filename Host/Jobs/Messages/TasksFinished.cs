using DistSys.Runtime;
using MessagePack;

namespace DistSys.Jobs.Messages;

/// <summary>Executor → scheduler: attempts that ended (the inline ones of one assignment together, a slow one alone).</summary>
[MessagePackObject]
public sealed record TasksFinished([property: Key(0)] Pid Executor, [property: Key(1)] TaskOutcome[] Outcomes);

/// <summary>
/// How one attempt ended. <see cref="Output"/> is the partition's JSON result when <see cref="Ok"/>,
/// else the error. The scheduler accepts it only from the lease holder's current attempt.
/// </summary>
[MessagePackObject]
public sealed record TaskOutcome(
    [property: Key(0)] string JobId,
    [property: Key(1)] int Index,
    [property: Key(2)] int Attempt,
    [property: Key(3)] bool Ok,
    [property: Key(4)] string Output)
{
    /// <summary>A reduce attempt that could not fetch these map tasks' outputs (their worker is gone): they must run again.</summary>
    [Key(5)]
    public int[]? LostMaps { get; init; }

    /// <summary>
    /// Non-zero: the result is this many bytes in a file on the worker (too large to travel in one
    /// message), read with <see cref="ReadOutput"/> from its shuffle server; <see cref="Output"/> is empty.
    /// </summary>
    [Key(6)]
    public long StoredBytes { get; init; }
}
