namespace DistSys.Memory;

/// <summary>Run-time statistics: summed from every thread's counters when asked, never on the hot path.</summary>
public sealed partial class BlockMemoryPool
{
    private long _doubleReturns;

    /// <summary>
    /// A snapshot of the counters of every size class. Each counter is exact once the pool is quiet;
    /// read while other threads rent and return, the counters are each a recent value, not one instant.
    /// </summary>
    public MemoryPoolStatistics GetStatistics()
    {
        var caches = Volatile.Read(ref _caches);
        var classes = new SizeClassStatistics[_classes.Length];
        for (var i = 0; i < classes.Length; i++)
        {
            long rented = 0, returned = 0, misses = 0;
            foreach (var cache in caches)
            {
                rented += Volatile.Read(ref cache.Classes[i].Rented);
                returned += Volatile.Read(ref cache.Classes[i].Returned);
                misses += Volatile.Read(ref cache.Classes[i].Misses);
            }

            var sizeClass = _classes[i];
            classes[i] = new SizeClassStatistics(
                sizeClass.BlockSize, rented, returned, misses, sizeClass.SlabBytes, sizeClass.PeakSlabBytes);
        }

        return new MemoryPoolStatistics(classes, Volatile.Read(ref _doubleReturns), Volatile.Read(ref _peakPoolBytes));
    }

    /// <summary>A lease was disposed when it was not rented: counted, never pushed.</summary>
    internal void CountDoubleReturn() => Interlocked.Increment(ref _doubleReturns);
}
