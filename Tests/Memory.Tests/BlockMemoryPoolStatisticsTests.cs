namespace DistSys.Memory.Tests;

public sealed class BlockMemoryPoolStatisticsTests
{
    [Test]
    public void GetStatistics_AfterRentsAndReturns_CountsEachSizeClass()
    {
        using var pool = new BlockMemoryPool();
        var small = Enumerable.Range(0, 3).Select(_ => pool.Rent(100)).ToArray();
        using var page = pool.Rent(4096);
        small[0].Dispose();

        var stats = pool.GetStatistics();
        var class128 = stats.SizeClasses.Single(c => c.BlockSize == 128);
        var class4K = stats.SizeClasses.Single(c => c.BlockSize == 4096);

        Assert.Multiple(() =>
        {
            Assert.That((class128.Rented, class128.Returned, class128.Outstanding, class128.BytesInUse), Is.EqualTo((3L, 1L, 2L, 256L)));
            Assert.That((class4K.Rented, class4K.Returned, class4K.Outstanding, class4K.BytesInUse), Is.EqualTo((1L, 0L, 1L, 4096L)));
            Assert.That((stats.Rented, stats.Returned, stats.Outstanding, stats.BytesInUse), Is.EqualTo((4L, 1L, 3L, 256L + 4096L)));
            Assert.That(stats.SizeClasses.Where(c => c.BlockSize is not 128 and not 4096).Sum(c => c.Rented), Is.Zero);
        });
        Array.ForEach(small[1..], l => l.Dispose());
    }

    [Test]
    public void GetStatistics_RentedOnOneThreadReturnedOnAnother_NothingOutstanding()
    {
        using var pool = new BlockMemoryPool();
        var leases = Enumerable.Range(0, 100).Select(_ => pool.Rent(1000)).ToArray();

        var other = new Thread(() => Array.ForEach(leases, l => l.Dispose()));
        other.Start();
        other.Join();

        var stats = pool.GetStatistics();
        Assert.That((stats.Rented, stats.Returned, stats.Outstanding, stats.BytesInUse), Is.EqualTo((100L, 100L, 0L, 0L)));
    }

    [Test]
    public void GetStatistics_EachNewSlab_CountsOneMiss()
    {
        // One block per slab: every rent beyond what is free must carve a slab.
        using var pool = new BlockMemoryPool(new BlockMemoryPoolOptions { SlabSize = 64 * 1024 });
        var leases = Enumerable.Range(0, 3).Select(_ => pool.Rent(64 * 1024)).ToArray();
        Array.ForEach(leases, l => l.Dispose());
        var again = Enumerable.Range(0, 3).Select(_ => pool.Rent(64 * 1024)).ToArray();

        var stats = pool.GetStatistics().SizeClasses.Single(c => c.BlockSize == 64 * 1024);
        Assert.Multiple(() =>
        {
            Assert.That(stats.Misses, Is.EqualTo(3));
            Assert.That(stats.PoolBytes, Is.EqualTo(3 * 64 * 1024));
            Assert.That(stats.PeakPoolBytes, Is.EqualTo(3 * 64 * 1024));
        });
        Array.ForEach(again, l => l.Dispose());
    }

    [Test]
    public void GetStatistics_SmallClass_OneSlabServesManyRentsWithOneMiss()
    {
        using var pool = new BlockMemoryPool(new BlockMemoryPoolOptions { SlabSize = 64 * 1024 });
        var leases = Enumerable.Range(0, 1024).Select(_ => pool.Rent(64)).ToArray();

        var stats = pool.GetStatistics();
        Assert.Multiple(() =>
        {
            Assert.That(stats.Misses, Is.EqualTo(1));
            Assert.That(stats.PoolBytes, Is.EqualTo(64 * 1024));
            Assert.That(pool.Rent(64).Memory.Length, Is.EqualTo(64));
            Assert.That(pool.GetStatistics().Misses, Is.EqualTo(2));
        });
        Array.ForEach(leases, l => l.Dispose());
    }

    [Test]
    public void ToString_Snapshot_NamesEveryTotal()
    {
        using var pool = new BlockMemoryPool();
        using var lease = pool.Rent(64);

        Assert.That(pool.GetStatistics().ToString(), Does.Contain("rented 1").And.Contain("outstanding 1").And.Contain("in use 64 B"));
    }
}
