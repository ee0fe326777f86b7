namespace DistSys.Jobs.Operations;

/// <summary>The placement rule of the built-in CPU operations: small partitions inline, large ones on the pool.</summary>
internal static class CpuBound
{
    /// <summary>Items (numbers or characters) below which a partition costs less than handing it to another thread.</summary>
    public const long InlineItems = 4096;

    /// <summary>A file slice is always read on the pool: even a small one waits on the disk or the master.</summary>
    public static TaskPlacement PlaceFor(TaskInput input) =>
        input.Slice is null && input.Count + (input.Text?.Length ?? 0) <= InlineItems ? TaskPlacement.Inline : TaskPlacement.ThreadPool;
}
