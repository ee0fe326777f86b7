namespace DistSys.Memory.Internal;

/// <summary>
/// One thread's blocks and counters for one pool. Only the owning thread writes it (so the fast path
/// needs no atomic instruction); statistics read the counters from any thread, and a trim drains it
/// once the owner has died.
/// </summary>
internal sealed class ThreadCache
{
    public ThreadCache(BlockMemoryPool pool, SizeClass[] classes)
    {
        Pool = pool;
        Owner = Thread.CurrentThread;
        Classes = new ClassCache[classes.Length];
        for (var i = 0; i < classes.Length; i++)
        {
            Classes[i].Items = new Block?[classes[i].CacheCapacity];
        }
    }

    public BlockMemoryPool Pool { get; }

    public Thread Owner { get; }

    public ClassCache[] Classes { get; }

    /// <summary>Gives every cached block back to its class's global free list.</summary>
    public void Drain(SizeClass[] classes)
    {
        for (var i = 0; i < Classes.Length; i++)
        {
            ref var cache = ref Classes[i];
            if (cache.Count > 0)
            {
                classes[i].Push(cache.Items.AsSpan(0, cache.Count));
                cache.Items.AsSpan(0, cache.Count).Clear();
                cache.Count = 0;
            }
        }
    }
}
