using System.Numerics;

namespace DistSys.Memory.Internal;

/// <summary>
/// One power-of-two size class: its slabs (a copy-on-write table, so readers never lock) and its
/// global free list (SizeClass.FreeList.cs). See the top of BlockMemoryPool.cs for the algorithm.
/// </summary>
internal sealed partial class SizeClass
{
    private readonly int _slotShift;
    private Slab?[] _slabs = [];
    private long _slabBytes;
    private long _peakSlabBytes;

    public SizeClass(BlockMemoryPool pool, int index, int blockSize, int slabSize, int threadCacheBytes)
    {
        Pool = pool;
        Index = index;
        BlockSize = blockSize;
        BlocksPerSlab = Math.Max(1, slabSize / blockSize);
        _slotShift = BitOperations.Log2((uint)BlocksPerSlab);
        CacheCapacity = Math.Clamp(threadCacheBytes / blockSize, 1, 32);
    }

    public BlockMemoryPool Pool { get; }

    public int Index { get; }

    public int BlockSize { get; }

    public int BlocksPerSlab { get; }

    /// <summary>How many free blocks of this class one thread may keep.</summary>
    public int CacheCapacity { get; }

    public long SlabBytes => Volatile.Read(ref _slabBytes);

    public long PeakSlabBytes => Volatile.Read(ref _peakSlabBytes);

    public Slab?[] Slabs => Volatile.Read(ref _slabs);

    /// <summary>Allocates a slab and publishes it in the table (first empty slot, else appended). Its
    /// blocks are not on any free list yet: the caller hands them out, and the table is published
    /// before any of their indices can appear on the free list.</summary>
    public Slab Grow()
    {
        var memory = GC.AllocateUninitializedArray<byte>(BlockSize * BlocksPerSlab, pinned: true);
        while (true)
        {
            var current = Slabs;
            var slot = Array.IndexOf(current, null);
            var next = new Slab?[slot < 0 ? current.Length + 1 : current.Length];
            current.CopyTo(next, 0);
            slot = slot < 0 ? current.Length : slot;
            var slab = new Slab(this, memory, slot);
            next[slot] = slab;
            if (Interlocked.CompareExchange(ref _slabs, next, current) == current)
            {
                RecordGrowth(slab.Bytes);
                return slab;
            }
        }
    }

    private void RecordGrowth(long bytes)
    {
        Pool.RecordGrowth(bytes);
        var total = Interlocked.Add(ref _slabBytes, bytes);
        long peak;
        while (total > (peak = Volatile.Read(ref _peakSlabBytes))
            && Interlocked.CompareExchange(ref _peakSlabBytes, total, peak) != peak)
        {
        }
    }

    private Block? Find(Slab?[] slabs, int link)
    {
        var index = link - 1;
        var slot = index >> _slotShift;
        return (uint)slot < (uint)slabs.Length ? slabs[slot]?.Blocks[index & (BlocksPerSlab - 1)] : null;
    }
}
