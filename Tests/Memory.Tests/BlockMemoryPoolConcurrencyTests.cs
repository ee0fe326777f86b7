using System.Buffers;
using System.Buffers.Binary;

namespace DistSys.Memory.Tests;

/// <summary>
/// Many threads renting and returning at once, every lease stamped with its holder's id and a sequence
/// number at both ends and checked on return: a block handed to two holders at once gets overwritten
/// by the other and fails the check.
/// </summary>
public sealed class BlockMemoryPoolConcurrencyTests
{
    private const int Threads = 4;
    private const int OperationsPerThread = 1_000_000;
    private const int Held = 8;

    // 0 bytes of thread cache sends every return through the global free list: the hardest case for it.
    [TestCase(512 * 1024)]
    [TestCase(0)]
    public void RentReturn_FourThreadsAMillionEach_NeverHandsOutABlockTwice(int threadCacheBytes)
    {
        using var pool = new BlockMemoryPool(new BlockMemoryPoolOptions { ThreadCacheBytes = threadCacheBytes, SlabSize = 4096, TrackLeaseStacks = false });
        using var trimming = new CancellationTokenSource();
        var trimmer = Task.Run(() =>
        {
            while (!trimming.IsCancellationRequested)
            {
                pool.Trim();
            }
        });

        var failures = new int[Threads];
        var workers = Enumerable.Range(0, Threads).Select(id => new Thread(() => failures[id] = Churn(pool, id))).ToArray();
        Array.ForEach(workers, w => w.Start());
        Array.ForEach(workers, w => w.Join());
        trimming.Cancel();
        trimmer.Wait(TimeSpan.FromMinutes(1));

        var stats = pool.GetStatistics();
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.All.Zero, "leases whose stamp another holder overwrote");
            Assert.That(stats.Rented, Is.EqualTo((long)Threads * OperationsPerThread));
            Assert.That(stats.Outstanding, Is.Zero);
            Assert.That(stats.DoubleReturns, Is.Zero);
        });
    }

    /// <summary>Keeps <see cref="Held"/> leases of mixed sizes in a ring; returns the oldest each step.</summary>
    private static int Churn(BlockMemoryPool pool, int id)
    {
        var ring = new IMemoryOwner<byte>?[Held];
        var stamps = new long[Held];
        var failures = 0;
        for (var op = 0; op < OperationsPerThread + Held; op++)
        {
            var slot = op % Held;
            if (ring[slot] is { } old)
            {
                failures += Check(old.Memory.Span, stamps[slot]) ? 0 : 1;
                old.Dispose();
                ring[slot] = null;
            }

            if (op < OperationsPerThread)
            {
                var lease = pool.Rent(64 << (op % 5));
                stamps[slot] = ((long)id << 32) | (uint)op;
                BinaryPrimitives.WriteInt64LittleEndian(lease.Memory.Span, stamps[slot]);
                BinaryPrimitives.WriteInt64LittleEndian(lease.Memory.Span[^8..], stamps[slot]);
                ring[slot] = lease;
            }
        }

        return failures;
    }

    private static bool Check(Span<byte> block, long stamp) =>
        BinaryPrimitives.ReadInt64LittleEndian(block) == stamp && BinaryPrimitives.ReadInt64LittleEndian(block[^8..]) == stamp;
}
