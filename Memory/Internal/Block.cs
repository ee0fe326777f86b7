using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace DistSys.Memory.Internal;

/// <summary>
/// One block of a pinned slab, and at the same time the lease handed out for it: the pool owns one
/// <see cref="Block"/> per block for its whole life, so renting allocates nothing.
/// </summary>
internal sealed class Block : IMemoryOwner<byte>
{
    private const int Free = 0;
    private const int Rented = 1;

    private readonly SizeClass _owner;
    private readonly BlockMemoryPool _pool;
    private readonly int _classIndex;
    private readonly Memory<byte> _memory;
    private int _state;

    /// <summary>Free-list link, encoded as the next block's index + 1 (0 ends the list). Meaningful only
    /// while the block sits on its class's global free list; a stale reader may see any old value,
    /// which is why the list's head carries a version tag.</summary>
    internal int NextLink;

    public Block(SizeClass owner, Memory<byte> memory, int index)
    {
        _owner = owner;
        _pool = owner.Pool;
        _classIndex = owner.Index;
        _memory = memory;
        Index = index;
    }

    /// <summary>Position in the class's index space: slab slot × blocks per slab + offset.</summary>
    public int Index { get; }

    public SizeClass Owner => _owner;

    /// <summary>Who rented the block, when the pool tracks lease stacks (set by the renter).</summary>
    public StackTrace? RentedBy { get; set; }

    public bool IsRented => Volatile.Read(ref _state) == Rented;

    public Memory<byte> Memory
    {
        get
        {
            if (Volatile.Read(ref _state) != Rented)
            {
                MemoryThrow.LeaseReturned();
            }

            return _memory;
        }
    }

    /// <summary>Called by the renting thread, which owns the block exclusively at that point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void MarkRented() => Volatile.Write(ref _state, Rented);

    /// <summary>The one transition that decides who returns the block: of any number of racing or
    /// repeated disposals exactly one wins the CAS, so a block can never enter a free list twice.</summary>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, Free, Rented) == Rented)
        {
            _pool.Return(this, _classIndex);
        }
        else
        {
            _pool.CountDoubleReturn();
        }
    }
}
