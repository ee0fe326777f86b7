using System.Text;
using DistSys.Jobs.Inputs;
using DistSys.Runtime;
using MessagePack;

namespace DistSys.Jobs.Operations;

/// <summary>
/// One task as it travels to a worker: which job, partition and attempt, the operation and its
/// parameters, and the partition's data — a numeric range (start and count, so a range costs a few
/// bytes however long it is), inline numbers, text, or a slice of an input file (a name and a byte
/// range: the data itself never travels with the task).
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

    /// <summary>The partition's share of an input file, read by the worker (<see cref="Source"/>); null for inline data.</summary>
    [Key(11)]
    public FileSlice? Slice { get; init; }

    /// <summary>How the lines are read: <c>text</c> (null) or <c>ndjson</c> (one JSON object a line).</summary>
    [Key(12)]
    public string? Format { get; init; }

    /// <summary>The NDJSON field an operation groups by (<c>count_by</c>, <c>sum_by</c>).</summary>
    [Key(13)]
    public string? Key { get; init; }

    /// <summary>The NDJSON field an operation reads (<c>sum_by</c>'s numbers, <c>wordcount</c>'s text).</summary>
    [Key(14)]
    public string? Field { get; init; }

    /// <summary>The master's input server, which serves <see cref="Slice"/> to a worker that cannot read the file itself.</summary>
    [Key(15)]
    public Pid InputServer { get; init; }

    /// <summary>
    /// How many reduce tasks the job's keyed results are shuffled to (0: no shuffle, the master
    /// combines). A map task splits its result into that many buckets on its worker; reduce task r is
    /// task <c>map count + r</c>.
    /// </summary>
    [Key(16)]
    public int Reducers { get; init; }

    /// <summary>For a reduce task: where each map task's buckets are; null for a map task.</summary>
    [Key(17)]
    public Messages.ShuffleSource[]? Shuffle { get; init; }

    /// <summary>For a reduce task: which bucket it merges.</summary>
    [Key(18)]
    public int Bucket { get; init; }

    /// <summary>Where the executor reads <see cref="Slice"/> from (set on the worker, never sent).</summary>
    [IgnoreMember]
    internal ISliceSource? Source { get; init; }

    /// <summary>
    /// Where an executor runs this task: a reduce task on the thread pool, any other where its
    /// operation says. The scheduler asks too — a task placed on the pool may wait there for a CPU slot,
    /// so its deadline starts only when it has one (<see cref="Messages.TaskStarted"/>).
    /// </summary>
    internal TaskPlacement PlacementBy(IJobOperation operation) => Shuffle is null ? operation.PlaceFor(this) : TaskPlacement.ThreadPool;

    /// <summary>True when the lines are NDJSON objects.</summary>
    [IgnoreMember]
    public bool IsNdjson => Format == "ndjson";

    /// <summary>How many numbers the partition holds (inline numbers, else the range).</summary>
    [IgnoreMember]
    public long Count => Numbers?.LongLength ?? RangeCount;

    /// <summary>The partition's <paramref name="i"/>-th number.</summary>
    public double NumberAt(long i) => Numbers is { } numbers ? numbers[i] : RangeStart + i;

    /// <summary>
    /// Hands every line of the partition to <paramref name="handler"/> as UTF-8 bytes with its byte
    /// offset: inline text's lines, or the file slice's lines read from <see cref="Source"/>.
    /// </summary>
    internal ValueTask ForEachLineAsync(LineHandler handler, CancellationToken cancellation)
    {
        if (Slice is { } slice)
        {
            return Source is { } source
                ? SliceLines.ForEachAsync(source, slice, handler, cancellation)
                : throw new InvalidOperationException("a file slice reaches an operation only with its source");
        }

        ReadOnlySpan<byte> text = Encoding.UTF8.GetBytes(Text ?? string.Empty);
        var offset = 0;
        while (offset < text.Length)
        {
            var newline = text[offset..].IndexOf((byte)'\n');
            var line = newline < 0 ? text[offset..] : text.Slice(offset, newline);
            handler(offset, line.Length > 0 && line[^1] == '\r' ? line[..^1] : line);
            offset += newline < 0 ? line.Length : newline + 1;
        }

        return default;
    }

    /// <summary>Where a line came from, for an error: the file and byte offset, or the inline text's offset.</summary>
    internal string Where(long offset) => Slice is { } slice ? $"{slice.Name} at byte {offset}" : $"text at byte {offset}";
}
