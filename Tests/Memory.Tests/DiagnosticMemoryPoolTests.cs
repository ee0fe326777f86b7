using System.Buffers;
using System.Runtime.CompilerServices;

namespace DistSys.Memory.Tests;

public sealed class DiagnosticMemoryPoolTests
{
    [Test]
    public void AssertNoLeaks_LeaseNeverReturned_ThrowsListingTheStackThatRentedIt()
    {
        using var pool = new DiagnosticMemoryPool(new BlockMemoryPool());
        var leaked = RentAndForget(pool);
        pool.Rent(64).Dispose();

        var error = Assert.Throws<InvalidOperationException>(pool.AssertNoLeaks);

        Assert.That(error!.Message, Does.Contain("1 lease(s) never returned").And.Contain(nameof(RentAndForget)).And.Contain("1024 B"));
        leaked.Dispose();
    }

    [Test]
    public void AssertNoLeaks_EveryLeaseReturned_DoesNotThrow()
    {
        using var pool = new DiagnosticMemoryPool(MemoryPool<byte>.Shared);
        pool.Rent(10).Dispose();
        pool.Rent(5000).Dispose();

        Assert.DoesNotThrow(pool.AssertNoLeaks);
    }

    [Test]
    public void Outstanding_RentsAndReturns_CountsLeasesStillOut()
    {
        using var pool = new DiagnosticMemoryPool(new BlockMemoryPool());
        var first = pool.Rent(64);
        var second = pool.Rent(64);
        first.Dispose();

        Assert.That(pool.Outstanding, Is.EqualTo(1));
        second.Dispose();
        Assert.That(pool.Outstanding, Is.Zero);
    }

    [Test]
    public void Dispose_Twice_ThrowsWithBothStacks()
    {
        using var pool = new DiagnosticMemoryPool(new BlockMemoryPool());
        var lease = pool.Rent(64);
        lease.Dispose();

        var error = Assert.Throws<InvalidOperationException>(lease.Dispose);

        Assert.That(error!.Message, Does.Contain("disposed twice").And.Contain("Rented at").And.Contain("First returned at"));
    }

    [Test]
    public void Dispose_StaleLeaseAfterItsBlockWasRentedAgain_ThrowsAndLeavesTheNewLeaseIntact()
    {
        var inner = new BlockMemoryPool();
        using var pool = new DiagnosticMemoryPool(inner);
        var stale = pool.Rent(64);
        stale.Dispose();
        using var current = pool.Rent(64);
        current.Memory.Span.Fill(7);

        Assert.Throws<InvalidOperationException>(stale.Dispose);
        Assert.Multiple(() =>
        {
            Assert.That(current.Memory.Span.ToArray(), Is.All.EqualTo(7));
            Assert.That(inner.GetStatistics().Outstanding, Is.EqualTo(1));
        });
    }

    [Test]
    public void Memory_AfterReturn_ThrowsAndTheBytesArePoisoned()
    {
        using var pool = new DiagnosticMemoryPool(new BlockMemoryPool());
        var lease = pool.Rent(64);
        var captured = lease.Memory;
        captured.Span.Fill(1);

        lease.Dispose();

        Assert.Multiple(() =>
        {
            Assert.Throws<ObjectDisposedException>(() => _ = lease.Memory);
            Assert.That(captured.Span.ToArray(), Is.All.EqualTo(0xDD));
        });
    }

    [Test]
    public void Dispose_Pool_DisposesTheInnerPool()
    {
        var inner = new BlockMemoryPool();
        var pool = new DiagnosticMemoryPool(inner);

        pool.Dispose();

        Assert.Multiple(() =>
        {
            Assert.Throws<ObjectDisposedException>(() => inner.Rent(64));
            Assert.Throws<ObjectDisposedException>(() => pool.Rent(64));
        });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IMemoryOwner<byte> RentAndForget(MemoryPool<byte> pool) => pool.Rent(1000);
}
