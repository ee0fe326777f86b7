using System.Buffers;
using System.Runtime.CompilerServices;

namespace DistSys.Memory.Tests;

public sealed class BlockMemoryPoolReturnTests
{
    [Test]
    public void Dispose_SharedPool_IsIgnoredAndThePoolKeepsServing()
    {
        BlockMemoryPool.Shared.Dispose();

        using var lease = BlockMemoryPool.Shared.Rent(100);
        Assert.That(lease.Memory.Length, Is.GreaterThanOrEqualTo(100));
    }

    [Test]
    public void Dispose_Twice_CountsDoubleReturnAndPoolsTheBlockOnce()
    {
        using var pool = new BlockMemoryPool();
        var lease = pool.Rent(100);
        lease.Dispose();
        lease.Dispose();

        using var first = pool.Rent(100);
        using var second = pool.Rent(100);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.SameAs(second));
            Assert.That(pool.GetStatistics().DoubleReturns, Is.EqualTo(1));
            Assert.That(pool.GetStatistics().Returned, Is.EqualTo(1));
        });
    }

    [Test]
    public void Dispose_RacingDisposals_ReturnTheBlockExactlyOnce()
    {
        using var pool = new BlockMemoryPool(new BlockMemoryPoolOptions { ThreadCacheBytes = 0 });
        var leases = Enumerable.Range(0, 1000).Select(_ => pool.Rent(64)).ToArray();

        Parallel.For(0, 4, _ => Array.ForEach(leases, l => l.Dispose()));
        var rerented = Enumerable.Range(0, 2000).Select(_ => pool.Rent(64)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(rerented.Distinct().Count(), Is.EqualTo(rerented.Length));
            Assert.That(pool.GetStatistics().DoubleReturns, Is.EqualTo(3000));
        });
        Array.ForEach(rerented, l => l.Dispose());
    }

    [Test]
    public void Memory_AfterReturn_ThrowsObjectDisposed()
    {
        using var pool = new BlockMemoryPool();
        var lease = pool.Rent(100);
        lease.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _ = lease.Memory);
    }

    [Test]
    public void Rent_AfterPoolDisposed_ThrowsObjectDisposed()
    {
        var pool = new BlockMemoryPool();
        pool.Dispose();

        Assert.Throws<ObjectDisposedException>(() => pool.Rent(100));
    }

    [Test]
    public void Dispose_LeaseOutstanding_ReportsItWithTheStackThatRentedIt()
    {
        var reports = new List<string>();
        var pool = new BlockMemoryPool(new BlockMemoryPoolOptions { TrackLeaseStacks = true, LeakReporter = reports.Add });
        var leaked = RentAndForget(pool);
        pool.Rent(100).Dispose();

        pool.Dispose();

        Assert.That(reports, Has.Count.EqualTo(1));
        Assert.That(reports[0], Does.Contain("1 lease(s) outstanding").And.Contain(nameof(RentAndForget)).And.Contain("4096 B"));
        Assert.DoesNotThrow(leaked.Dispose, "a lease returned after disposal is accepted");
    }

    [Test]
    public void Dispose_NoLeaseOutstanding_ReportsNothing()
    {
        var reports = new List<string>();
        var pool = new BlockMemoryPool(new BlockMemoryPoolOptions { LeakReporter = reports.Add });
        pool.Rent(100).Dispose();

        pool.Dispose();

        Assert.That(reports, Is.Empty);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IMemoryOwner<byte> RentAndForget(BlockMemoryPool pool) => pool.Rent(3000);
}
