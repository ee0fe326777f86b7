using DistSys.Runtime;
using MessagePack;

namespace DistSys.Jobs.Messages;

/// <summary>Where a reduce task finds map task <see cref="MapIndex"/>'s output: attempt <see cref="Attempt"/>'s buckets, served by <see cref="Server"/> on the worker that ran it.</summary>
[MessagePackObject]
public sealed record ShuffleSource([property: Key(0)] int MapIndex, [property: Key(1)] int Attempt, [property: Key(2)] Pid Server);

/// <summary>Reducer → a worker's shuffle server (a call): up to <see cref="Count"/> bytes of one map output's bucket from <see cref="Position"/>.</summary>
[MessagePackObject]
public sealed record ReadBucket(
    [property: Key(0)] string JobId,
    [property: Key(1)] int MapIndex,
    [property: Key(2)] int Attempt,
    [property: Key(3)] int Bucket,
    [property: Key(4)] long Position,
    [property: Key(5)] int Count);

/// <summary>Scheduler → a worker's shuffle server (a call): up to <see cref="Count"/> bytes from <see cref="Position"/> of an attempt's result it kept in a file (<see cref="TaskOutcome.StoredBytes"/>).</summary>
[MessagePackObject]
public sealed record ReadOutput(
    [property: Key(0)] string JobId,
    [property: Key(1)] int Index,
    [property: Key(2)] int Attempt,
    [property: Key(3)] long Position,
    [property: Key(4)] int Count);

/// <summary>Scheduler → every executor: the job ended, its map outputs may go.</summary>
[MessagePackObject]
public sealed record DropShuffle([property: Key(0)] string JobId);
