namespace DistSys.Memory.Internal;

/// <summary>A thread's stack of free blocks of one size class, and its counters for that class.</summary>
internal struct ClassCache
{
    public Block?[] Items;
    public int Count;
    public long Rented;
    public long Returned;
    public long Misses;
}
