using DistSys.Runtime.Internal;

namespace DistSys.Runtime.Tests.Internal;

public class MessageQueueTests
{
    private sealed class Box
    {
        public MessageQueue Queue;
    }

    [Test]
    public void TryDequeue_Empty_False()
    {
        var box = new Box();
        Assert.That(box.Queue.TryDequeue(out _), Is.False);
        Assert.That(box.Queue.HasItems, Is.False);
    }

    [Test]
    public void TryEnqueue_BeyondFirstRing_GrowsAndKeepsOrder()
    {
        var box = new Box();
        var items = Enumerable.Range(0, 1000).Select(i => (object)i).ToArray();
        foreach (var item in items)
        {
            Assert.That(box.Queue.TryEnqueue(item, 0), Is.True);
        }

        Assert.That(box.Queue.Count, Is.EqualTo(1000));
        foreach (var item in items)
        {
            Assert.That(box.Queue.TryDequeue(out var got), Is.True);
            Assert.That(got, Is.SameAs(item));
        }

        Assert.That(box.Queue.TryDequeue(out _), Is.False);
    }

    [Test]
    public void TryEnqueue_Bounded_RefusesWhenFullAcceptsAfterDequeue()
    {
        var box = new Box();
        for (var i = 0; i < 5; i++)
        {
            Assert.That(box.Queue.TryEnqueue(i, 5), Is.True);
        }

        Assert.That(box.Queue.TryEnqueue(99, 5), Is.False);
        box.Queue.TryDequeue(out _);
        Assert.That(box.Queue.TryEnqueue(5, 5), Is.True);
        Assert.That(box.Queue.Count, Is.EqualTo(5));
    }

    [Test]
    public void TryEnqueue_SteadyState_AllocatesNothing()
    {
        var box = new Box();
        var message = new object();
        for (var i = 0; i < 64; i++)
        {
            box.Queue.TryEnqueue(message, 0);
        }

        while (box.Queue.TryDequeue(out _))
        {
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 10_000; round++)
        {
            for (var i = 0; i < 50; i++)
            {
                box.Queue.TryEnqueue(message, 0);
            }

            while (box.Queue.TryDequeue(out _))
            {
            }
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void TryEnqueue_ConcurrentProducersOneConsumer_NothingLostPerProducerOrder()
    {
        const int producers = 4;
        const int perProducer = 200_000;
        var box = new Box();
        var messages = Enumerable.Range(0, producers)
            .Select(p => Enumerable.Range(0, perProducer).Select(i => (object)(p, i)).ToArray()).ToArray();
        var last = Enumerable.Repeat(-1, producers).ToArray();
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            foreach (var m in messages[p])
            {
                box.Queue.TryEnqueue(m, 0);
            }
        })).ToList();
        threads.ForEach(t => t.Start());

        var received = 0;
        var deadline = DateTime.UtcNow + Support.Await.Limit;
        while (received < producers * perProducer && DateTime.UtcNow < deadline)
        {
            if (!box.Queue.TryDequeue(out var item))
            {
                Thread.Yield();
                continue;
            }

            var (p, i) = ((int, int))item;
            Assert.That(i, Is.EqualTo(last[p] + 1), $"producer {p} out of order");
            last[p] = i;
            received++;
        }

        threads.ForEach(t => t.Join());
        Assert.That(received, Is.EqualTo(producers * perProducer));
    }
}
