// The algorithm
// -------------
// Requests are rounded up to a power-of-two size class (MinBlockSize .. MaxBlockSize). Each class owns
// pinned slabs carved into equal blocks, and one Block object per block that is both the block's
// bookkeeping and the IMemoryOwner<byte> lease: renting hands out an object that already exists, so
// the steady state allocates nothing.
//
// A free block is in exactly one of two places:
//   1. a thread cache (ThreadCache, one per thread per pool): a small LIFO array only its owner thread
//      touches, so the common rent (pop) and return (push) take no atomic instruction and share no
//      cache line with other threads;
//   2. its class's global free list: a Treiber stack threaded through block indices (Block.NextLink),
//      whose head is one 64-bit word [32-bit version tag | first index + 1], changed only by CAS.
// A rent that finds its thread cache empty pops up to half a cache's worth from the global list with
// one CAS; a return that finds the cache full pushes half of it back with one CAS. A rent that finds
// the global list empty too is a miss: it carves a new slab, keeps some blocks and pushes the rest.
//
// ABA: a pop reads head H = (tag, i) and i's link n, then CASes H -> (tag + 1, n). If meanwhile i was
// popped, and pushed back with a different link, the head's index is i again but its tag is not, so
// the stale CAS fails. Every successful CAS bumps the tag; the tag wraps only after 2^32 operations
// inside one reader's read-to-CAS window. Links are indices, not references, and blocks are never
// freed while a reader may look at them (the GC keeps even a trimmed slab's Block objects alive for
// a stale reader), so reading a stale link is harmless: its value is discarded when the CAS fails.
//
// Memory ordering: Interlocked.CompareExchange is a full fence. A pusher writes the links of its run,
// then CASes the head: whoever later reads that head (Volatile.Read = acquire) sees those links. A new
// slab is published in the class's copy-on-write slab table (a CAS) before any of its indices is
// pushed, so a popper that acquired an index finds its slab in the table it reads afterwards; a slot
// a trim has emptied reads as null, which only a stale pop can meet, and it retries.
//
// Ownership: a block popped by a successful CAS belongs to the popping thread alone until it is
// handed out. The lease's state word (Free/Rented) is written by the renter, and Dispose moves it
// Rented -> Free with a CAS: of any number of racing or repeated disposals exactly one wins and
// returns the block, the others are counted as double returns, so a free list never holds a block
// twice. What cannot be caught: the Block object is the lease, so a stale reference disposed AFTER the
// block was rented again returns the new renter's lease (DiagnosticMemoryPool catches that case, at
// the price of an allocation per rent).
//
// No lock, Monitor or SpinLock is taken on rent or return; the only loops are CAS retries, which fail
// only because another thread's CAS succeeded (lock-free progress).
using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using DistSys.Memory.Internal;

namespace DistSys.Memory;

/// <summary>
/// A lock-free pool of pinned, power-of-two sized blocks, usable as the pool of a
/// <c>System.IO.Pipelines.Pipe</c>. A lease's <see cref="IMemoryOwner{T}.Memory"/> is the whole block
/// (at least the size asked for); disposing the lease returns it. Thread-safe.
/// </summary>
public sealed partial class BlockMemoryPool : MemoryPool<byte>
{
    private readonly SizeClass[] _classes;
    private readonly ThreadLocal<ThreadCache> _threadCache;
    private readonly int _minBlockSize;
    private readonly int _minShift;
    private readonly int _maxBlockSize;
    private readonly int _defaultClass;
    private readonly bool _trackStacks;
    private readonly Action<string> _leakReporter;
    private int _disposed;

    /// <summary>
    /// The process-wide pool with default options, what connections rent from unless given another.
    /// Disposing it does nothing: like <see cref="MemoryPool{T}.Shared"/>, it lives as long as the process.
    /// </summary>
    public static new BlockMemoryPool Shared { get; } = MemoryMetrics.Observe(new());

    /// <summary>A pool with the default <see cref="BlockMemoryPoolOptions"/> (64 B to 1 MiB).</summary>
    public BlockMemoryPool()
        : this(new BlockMemoryPoolOptions())
    {
    }

    /// <summary>A pool with the given size classes, slab size and diagnostics.</summary>
    /// <exception cref="ArgumentException">An option is not a power of two or out of order.</exception>
    public BlockMemoryPool(BlockMemoryPoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _minBlockSize = options.MinBlockSize;
        _minShift = BitOperations.Log2((uint)options.MinBlockSize);
        _maxBlockSize = options.MaxBlockSize;
        _classes = new SizeClass[BitOperations.Log2((uint)options.MaxBlockSize) - _minShift + 1];
        for (var i = 0; i < _classes.Length; i++)
        {
            _classes[i] = new SizeClass(this, i, options.MinBlockSize << i, options.SlabSize, options.ThreadCacheBytes);
        }

        _defaultClass = ClassOf(options.DefaultBlockSize);
        _trackStacks = options.TrackLeaseStacks;
        _leakReporter = options.LeakReporter;
        _threadCache = new ThreadLocal<ThreadCache>(CreateThreadCache);
    }

    /// <summary>The largest block this pool hands out.</summary>
    public override int MaxBufferSize => _maxBlockSize;

    /// <summary>Rents a block of at least <paramref name="minBufferSize"/> bytes (-1: the default size).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is 0, below -1 or above <see cref="MaxBufferSize"/>.</exception>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        var index = ClassOf(minBufferSize);
        if (Volatile.Read(ref _disposed) != 0)
        {
            MemoryThrow.PoolDisposed(nameof(BlockMemoryPool));
        }

        ref var cache = ref CurrentCache().Classes[index];
        Block block;
        if (cache.Count > 0)
        {
            block = cache.Items[--cache.Count]!;
            cache.Items[cache.Count] = null;
        }
        else
        {
            block = Refill(ref cache, _classes[index]);
        }

        cache.Rented++;
        if (_trackStacks)
        {
            // From this frame, not one up: the JIT may inline Rent into its caller.
            block.RentedBy = new StackTrace(fNeedFileInfo: false);
        }

        block.MarkRented();
        return block;
    }

    /// <summary>Called by a lease that has just won its Rented -> Free transition.</summary>
    internal void Return(Block block, int index)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        ref var cache = ref CurrentCache().Classes[index];
        if (cache.Count == cache.Items.Length)
        {
            Spill(ref cache, _classes[index]);
        }

        cache.Items[cache.Count++] = block;
        cache.Returned++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ClassOf(int size)
    {
        if ((uint)(size - 1) >= (uint)_maxBlockSize)
        {
            if (size != -1)
            {
                MemoryThrow.SizeOutOfRange(size, _maxBlockSize);
            }

            return _defaultClass;
        }

        return size <= _minBlockSize ? 0 : BitOperations.Log2((uint)(size - 1)) + 1 - _minShift;
    }
}
