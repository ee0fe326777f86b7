namespace DistSys.Memory;

/// <summary>A snapshot of a <see cref="BlockMemoryPool"/>'s counters, per size class and in total.</summary>
public sealed class MemoryPoolStatistics
{
    internal MemoryPoolStatistics(IReadOnlyList<SizeClassStatistics> sizeClasses, long doubleReturns, long peakPoolBytes)
    {
        SizeClasses = sizeClasses;
        DoubleReturns = doubleReturns;
        PeakPoolBytes = peakPoolBytes;
        foreach (var sizeClass in sizeClasses)
        {
            Rented += sizeClass.Rented;
            Returned += sizeClass.Returned;
            BytesInUse += sizeClass.BytesInUse;
            Misses += sizeClass.Misses;
            PoolBytes += sizeClass.PoolBytes;
        }
    }

    /// <summary>One entry per size class, smallest first.</summary>
    public IReadOnlyList<SizeClassStatistics> SizeClasses { get; }

    /// <summary>Leases handed out, all classes.</summary>
    public long Rented { get; }

    /// <summary>Leases given back, all classes.</summary>
    public long Returned { get; }

    /// <summary>Leases rented and not yet returned.</summary>
    public long Outstanding => Rented - Returned;

    /// <summary>Bytes of the outstanding leases.</summary>
    public long BytesInUse { get; }

    /// <summary>Rents that had to carve a new slab.</summary>
    public long Misses { get; }

    /// <summary>Slab memory the pool holds now, free or rented.</summary>
    public long PoolBytes { get; }

    /// <summary>The most slab memory the pool has held at once: the high-water mark of its footprint,
    /// and so an upper bound of the bytes ever in use at once.</summary>
    public long PeakPoolBytes { get; }

    /// <summary>Disposals of a lease that was not rented at the time (caught, never pooled twice).</summary>
    public long DoubleReturns { get; }

    /// <summary>The snapshot as one line, for logs.</summary>
    public override string ToString() =>
        $"rented {Rented}, returned {Returned}, outstanding {Outstanding}, in use {BytesInUse} B, " +
        $"pool {PoolBytes} B (peak {PeakPoolBytes} B), misses {Misses}, double returns {DoubleReturns}";
}
