using DistSys.Memory.Internal;

namespace DistSys.Memory;

/// <summary>Run-time statistics: summed from every thread's counters when asked, never on the hot path.</summary>
public sealed partial class BlockMemoryPool
{
    private long _doubleReturns;
    private ClassCache[]? _retired;

    /// <summary>Thread caches the pool still knows (live threads, and ended ones not yet trimmed).</summary>
    internal int ThreadCacheCount => Volatile.Read(ref _caches).Length;

    /// <summary>
    /// A snapshot of the counters of every size class. Each counter is exact once the pool is quiet;
    /// read while other threads rent and return, the counters are each a recent value, not one instant.
    /// </summary>
    public MemoryPoolStatistics GetStatistics()
    {
        var caches = Volatile.Read(ref _caches);
        var retired = Volatile.Read(ref _retired);
        var classes = new SizeClassStatistics[_classes.Length];
        for (var i = 0; i < classes.Length; i++)
        {
            long rented = 0, returned = 0, misses = 0;
            if (retired is not null)
            {
                (rented, returned, misses) = (Volatile.Read(ref retired[i].Rented), Volatile.Read(ref retired[i].Returned), Volatile.Read(ref retired[i].Misses));
            }

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

    /// <summary>Forgets the cache of a thread that has ended, keeping its counts. Runs only inside a
    /// trim (one at a time), the cache already drained; a snapshot taken meanwhile may miss its counts
    /// for that instant.</summary>
    private void Retire(ThreadCache cache)
    {
        while (true)
        {
            var current = Volatile.Read(ref _caches);
            var next = Array.FindAll(current, c => c != cache);
            if (Interlocked.CompareExchange(ref _caches, next, current) == current)
            {
                break;
            }
        }

        var retired = Volatile.Read(ref _retired) ?? new ClassCache[_classes.Length];
        for (var i = 0; i < retired.Length; i++)
        {
            Interlocked.Add(ref retired[i].Rented, cache.Classes[i].Rented);
            Interlocked.Add(ref retired[i].Returned, cache.Classes[i].Returned);
            Interlocked.Add(ref retired[i].Misses, cache.Classes[i].Misses);
        }

        Volatile.Write(ref _retired, retired);
    }
}
