using System.Diagnostics;

namespace DistSys.Memory;

/// <summary>
/// How a <see cref="BlockMemoryPool"/> carves its memory. Every size is a power of two; the pool checks
/// the whole set when it is constructed and throws <see cref="ArgumentException"/> naming the bad value.
/// </summary>
public sealed class BlockMemoryPoolOptions
{
    /// <summary>The smallest block, and so the smallest size class. Default 64 B.</summary>
    public int MinBlockSize { get; init; } = 64;

    /// <summary>The largest block; a larger request is refused. Default 1 MiB.</summary>
    public int MaxBlockSize { get; init; } = 1024 * 1024;

    /// <summary>The block size served for <c>Rent()</c> / <c>Rent(-1)</c>, the
    /// <see cref="System.Buffers.MemoryPool{T}"/> convention for "any size". Default 4 KiB.</summary>
    public int DefaultBlockSize { get; init; } = 4096;

    /// <summary>Bytes per pinned slab; a slab holds at least one block. Default 128 KiB.</summary>
    public int SlabSize { get; init; } = 128 * 1024;

    /// <summary>Bytes each thread may keep cached per size class (at least one block, at most 32).
    /// Default 512 KiB.</summary>
    public int ThreadCacheBytes { get; init; } = 512 * 1024;

    /// <summary>Record the stack of every rent so leases leaked at disposal can say who rented them.
    /// Costs an allocation per rent; on by default in DEBUG builds of DistSys.Memory only.</summary>
    public bool TrackLeaseStacks { get; init; } = IsDebugBuild;

    /// <summary>Receives the report of leases still outstanding when the pool is disposed.
    /// Default: <see cref="Trace.TraceError(string)"/>.</summary>
    public Action<string> LeakReporter { get; init; } = static report => Trace.TraceError(report);

#if DEBUG
    private const bool IsDebugBuild = true;
#else
    private const bool IsDebugBuild = false;
#endif
}
