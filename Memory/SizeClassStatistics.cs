namespace DistSys.Memory;

/// <summary>The counters of one size class of a <see cref="BlockMemoryPool"/>.</summary>
/// <param name="BlockSize">The class's block size in bytes.</param>
/// <param name="Rented">Leases handed out since the pool was created.</param>
/// <param name="Returned">Leases given back (double returns are not counted here).</param>
/// <param name="Misses">Rents that found no free block anywhere and so carved a new slab.</param>
/// <param name="PoolBytes">Slab memory the class holds now, free or rented.</param>
/// <param name="PeakPoolBytes">The most slab memory the class has held at once.</param>
public readonly record struct SizeClassStatistics(
    int BlockSize, long Rented, long Returned, long Misses, long PoolBytes, long PeakPoolBytes)
{
    /// <summary>Leases rented and not yet returned.</summary>
    public long Outstanding => Rented - Returned;

    /// <summary>Bytes of the outstanding leases (whole blocks).</summary>
    public long BytesInUse => Outstanding * BlockSize;
}
