using System.Text;

namespace DistSys.Memory;

/// <summary>Growth accounting, trimming idle memory, and disposal with its leak report.</summary>
public sealed partial class BlockMemoryPool
{
    private long _poolBytes;
    private long _peakPoolBytes;
    private int _trimming;

    /// <summary>
    /// Gives idle slabs back to the GC: empties the calling thread's cache and those of threads that have
    /// ended (folding their counters into the pool's and forgetting them), then releases every slab whose blocks are all free on the global lists. Other live threads'
    /// caches (each at most <see cref="BlockMemoryPoolOptions.ThreadCacheBytes"/> per class) are theirs
    /// alone and stay. Returns the bytes released; 0 if another trim is running.
    /// </summary>
    public long Trim()
    {
        if (Volatile.Read(ref _disposed) != 0 || Interlocked.Exchange(ref _trimming, 1) != 0)
        {
            return 0;
        }

        try
        {
            CurrentCache().Drain(_classes);
            foreach (var cache in Volatile.Read(ref _caches))
            {
                // A thread that has ended wrote its cache for the last time before IsAlive turned false.
                if (!cache.Owner.IsAlive)
                {
                    Interlocked.MemoryBarrier();
                    cache.Drain(_classes);
                    Retire(cache);
                }
            }

            long released = 0;
            foreach (var sizeClass in _classes)
            {
                released += sizeClass.Trim();
            }

            Interlocked.Add(ref _poolBytes, -released);
            return released;
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    internal void RecordGrowth(long bytes)
    {
        var total = Interlocked.Add(ref _poolBytes, bytes);
        long peak;
        while (total > (peak = Volatile.Read(ref _peakPoolBytes))
            && Interlocked.CompareExchange(ref _peakPoolBytes, total, peak) != peak)
        {
        }
    }

    /// <summary>Marks the pool disposed and reports every lease still outstanding (with the stack that
    /// rented it when <see cref="BlockMemoryPoolOptions.TrackLeaseStacks"/> is on). Leases returned
    /// later are accepted and dropped.</summary>
    protected override void Dispose(bool disposing)
    {
        if (ReferenceEquals(this, Shared) || !disposing || Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_lastCache?.Pool == this)
        {
            _lastCache = null;
        }

        var report = LeakReport();
        if (report is not null)
        {
            _leakReporter(report);
        }
    }

    private string? LeakReport()
    {
        var leaks = _classes.SelectMany(c => c.Slabs).SelectMany(s => s?.Blocks ?? []).Where(b => b.IsRented).ToList();
        if (leaks.Count == 0)
        {
            return null;
        }

        var report = new StringBuilder()
            .Append("BlockMemoryPool disposed with ").Append(leaks.Count).AppendLine(" lease(s) outstanding:");
        foreach (var block in leaks)
        {
            report.Append("  a ").Append(block.Owner.BlockSize).Append(" B block, rented at: ")
                .AppendLine(block.RentedBy?.ToString() ?? "(unknown: set BlockMemoryPoolOptions.TrackLeaseStacks)");
        }

        return report.ToString();
    }

    private static void Validate(BlockMemoryPoolOptions options)
    {
        RequirePowerOfTwo(nameof(options.MinBlockSize), options.MinBlockSize, 16, 1 << 30);
        RequirePowerOfTwo(nameof(options.MaxBlockSize), options.MaxBlockSize, options.MinBlockSize, 1 << 30);
        RequirePowerOfTwo(nameof(options.DefaultBlockSize), options.DefaultBlockSize, options.MinBlockSize, options.MaxBlockSize);
        RequirePowerOfTwo(nameof(options.SlabSize), options.SlabSize, options.MinBlockSize, 1 << 30);
        if (options.ThreadCacheBytes < 0)
        {
            MemoryThrow.BadOption(nameof(options.ThreadCacheBytes), options.ThreadCacheBytes, "0 or more");
        }

        ArgumentNullException.ThrowIfNull(options.LeakReporter);
    }

    private static void RequirePowerOfTwo(string name, int value, int min, int max)
    {
        if (value < min || value > max || (value & (value - 1)) != 0)
        {
            MemoryThrow.BadOption(name, value, $"a power of two from {min} to {max}");
        }
    }
}
