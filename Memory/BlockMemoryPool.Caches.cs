using System.Runtime.CompilerServices;
using DistSys.Memory.Internal;

namespace DistSys.Memory;

/// <summary>The slow paths between a thread cache and its class's global free list.</summary>
public sealed partial class BlockMemoryPool
{
    /// <summary>The cache of the pool this thread used last: one thread-static read and one compare
    /// instead of a <see cref="ThreadLocal{T}"/> lookup on every rent and return. It keeps that one pool
    /// reachable from the thread until the thread uses another pool (or disposes this one).</summary>
    [ThreadStatic]
    private static ThreadCache? _lastCache;

    private ThreadCache[] _caches = [];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ThreadCache CurrentCache()
    {
        var cache = _lastCache;
        return cache is not null && cache.Pool == this ? cache : SwitchCache();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ThreadCache SwitchCache() => _lastCache = _threadCache.Value!;

    /// <summary>The thread cache is empty: take half a cache from the global list, or grow on a miss.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Block Refill(ref ClassCache cache, SizeClass sizeClass)
    {
        var batch = Math.Max(1, cache.Items.Length / 2);
        var count = sizeClass.TryPop(cache.Items.AsSpan(0, batch));
        if (count == 0)
        {
            cache.Misses++;
            var fresh = sizeClass.Grow().Blocks;
            count = Math.Min(batch, fresh.Length);
            Array.Copy(fresh, cache.Items, count);
            if (fresh.Length > count)
            {
                sizeClass.Push(fresh.AsSpan(count));
            }
        }

        cache.Count = count - 1;
        var block = cache.Items[count - 1]!;
        cache.Items[count - 1] = null;
        return block;
    }

    /// <summary>The thread cache is full: push its older half to the global list, keep the recent half
    /// (the blocks most likely still in this core's data cache).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Spill(ref ClassCache cache, SizeClass sizeClass)
    {
        var spill = Math.Max(1, cache.Count / 2);
        var items = cache.Items;
        sizeClass.Push(items.AsSpan(0, spill));
        Array.Copy(items, spill, items, 0, cache.Count - spill);
        cache.Count -= spill;
        items.AsSpan(cache.Count, spill).Clear();
    }

    /// <summary>First use of the pool on a thread: a cache, registered so statistics and trims find it
    /// (and its counters outlive the thread).</summary>
    private ThreadCache CreateThreadCache()
    {
        var cache = new ThreadCache(this, _classes);
        while (true)
        {
            var current = Volatile.Read(ref _caches);
            ThreadCache[] next = [.. current, cache];
            if (Interlocked.CompareExchange(ref _caches, next, current) == current)
            {
                return cache;
            }
        }
    }
}
