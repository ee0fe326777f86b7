namespace DistSys.Memory.Tests;

public sealed class BlockMemoryPoolTrimTests
{
    [Test]
    public void Trim_EverythingReturned_ReleasesEverySlabButKeepsThePeak()
    {
        using var pool = new BlockMemoryPool();
        var leases = Enumerable.Range(0, 200).Select(i => pool.Rent(64 << (i % 8))).ToArray();
        Array.ForEach(leases, l => l.Dispose());
        var held = pool.GetStatistics().PoolBytes;

        var released = pool.Trim();

        var stats = pool.GetStatistics();
        Assert.Multiple(() =>
        {
            Assert.That(released, Is.EqualTo(held).And.GreaterThan(0));
            Assert.That(stats.PoolBytes, Is.Zero);
            Assert.That(stats.PeakPoolBytes, Is.EqualTo(held));
        });
        using var after = pool.Rent(64);
        Assert.That(after.Memory.Length, Is.EqualTo(64), "the pool grows again after a trim");
    }

    [Test]
    public void Trim_OneLeaseOutstanding_KeepsItsSlabAndItsBytes()
    {
        using var pool = new BlockMemoryPool(new BlockMemoryPoolOptions { SlabSize = 4096 });
        var leases = Enumerable.Range(0, 64).Select(_ => pool.Rent(256)).ToArray();
        var kept = leases[5];
        kept.Memory.Span.Fill(0x5A);
        foreach (var lease in leases.Where(l => l != kept))
        {
            lease.Dispose();
        }

        pool.Trim();

        Assert.Multiple(() =>
        {
            Assert.That(pool.GetStatistics().PoolBytes, Is.EqualTo(4096), "only the slab holding the outstanding lease stays");
            Assert.That(kept.Memory.Span.ToArray(), Is.All.EqualTo(0x5A));
        });
        kept.Dispose();
        Assert.That(pool.Trim(), Is.EqualTo(4096));
    }

    [Test]
    public void Trim_ThreadThatEnded_DrainsItsCache()
    {
        using var pool = new BlockMemoryPool();
        var worker = new Thread(() =>
        {
            var leases = Enumerable.Range(0, 8).Select(_ => pool.Rent(4096)).ToArray();
            Array.ForEach(leases, l => l.Dispose());
        });
        worker.Start();
        worker.Join();

        pool.Trim();

        var stats = pool.GetStatistics();
        Assert.Multiple(() =>
        {
            Assert.That(stats.PoolBytes, Is.Zero);
            Assert.That((stats.Rented, stats.Returned, stats.Misses), Is.EqualTo((8L, 8L, 1L)), "the ended thread's counts are kept");
            Assert.That(pool.ThreadCacheCount, Is.EqualTo(1), "only the trimming thread's cache is left");
        });
    }

    [Test]
    public void Trim_NothingPooled_ReleasesNothing()
    {
        using var pool = new BlockMemoryPool();

        Assert.That(pool.Trim(), Is.Zero);
    }
}
