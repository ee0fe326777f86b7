using Microsoft.Extensions.ObjectPool;

namespace DistSys.Memory.Tests;

public sealed class PooledObjectsTests
{
    [Test]
    public void Create_ResettableType_ResetsOnReturnAndReusesTheObject()
    {
        var pool = PooledObjects.Create<Envelope>(maximumRetained: 4);
        var envelope = pool.Get();
        envelope.Payload = 42;

        pool.Return(envelope);
        var again = pool.Get();

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.SameAs(envelope));
            Assert.That(again.Payload, Is.Zero);
        });
    }

    [Test]
    public void Create_WithDelegates_DropsAnObjectTheResetRefuses()
    {
        var created = 0;
        var pool = PooledObjects.Create(() => new Envelope { Payload = ++created }, e => e.Payload % 2 == 0, maximumRetained: 4);
        var odd = pool.Get();
        pool.Return(odd);
        var even = pool.Get();
        pool.Return(even);

        Assert.Multiple(() =>
        {
            Assert.That(even, Is.Not.SameAs(odd), "the refused object was dropped");
            Assert.That(pool.Get(), Is.SameAs(even), "the accepted one was kept");
        });
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Create_NonPositiveBound_Throws(int maximumRetained)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PooledObjects.Create<Envelope>(maximumRetained));
    }

    private sealed class Envelope : IResettable
    {
        public int Payload { get; set; }

        public bool TryReset()
        {
            Payload = 0;
            return true;
        }
    }
}
