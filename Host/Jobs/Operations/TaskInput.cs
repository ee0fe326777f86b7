using MessagePack;

namespace DistSys.Jobs.Operations;

/// <summary>
/// One task as it travels to a worker: which job, partition and attempt, the operation and its
/// parameters, and the partition's data — a numeric range (start and count, so a range costs a few
/// bytes however long it is), inline numbers, or text.
/// </summary>
[MessagePackObject]
public sealed record TaskInput(
    [property: Key(0)] string JobId,
    [property: Key(1)] int Index,
    [property: Key(2)] int Attempt,
    [property: Key(3)] string Operation,
    [property: Key(4)] double Factor,
    [property: Key(5)] int SleepMs,
    [property: Key(6)] long RangeStart,
    [property: Key(7)] long RangeCount,
    [property: Key(8)] double[]? Numbers,
    [property: Key(9)] string? Text)
{
    /// <summary>The config's <c>delay_ms</c>: the executor waits this long, cancellably, before running the task.</summary>
    [Key(10)]
    public int DelayMs { get; init; }

    /// <summary>How many numbers the partition holds (inline numbers, else the range).</summary>
    [IgnoreMember]
    public long Count => Numbers?.LongLength ?? RangeCount;

    /// <summary>The partition's <paramref name="i"/>-th number.</summary>
    public double NumberAt(long i) => Numbers is { } numbers ? numbers[i] : RangeStart + i;
}
