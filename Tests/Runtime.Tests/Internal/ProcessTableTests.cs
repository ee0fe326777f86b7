using DistSys.Runtime.Internal;

namespace DistSys.Runtime.Tests.Internal;

public class ProcessTableTests
{
    [Test]
    public void Reserve_ReleasedSlot_ReusedWithNextGeneration()
    {
        var table = new ProcessTable(100);
        var first = table.Reserve();
        table.Release(new Pid(0, 1, first));
        var second = table.Reserve();
        var a = new Pid(0, 1, first);
        var b = new Pid(0, 1, second);
        Assert.Multiple(() =>
        {
            Assert.That(b.Slot, Is.EqualTo(a.Slot));
            Assert.That(b.Generation, Is.EqualTo(a.Generation + 1));
            Assert.That(table.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void Find_UnpublishedOrOutOfRange_Null()
    {
        var table = new ProcessTable(100);
        var id = table.Reserve();
        Assert.That(table.Find(id), Is.Null);
        Assert.That(table.Find(Pid.MakeId(int.MaxValue, 1)), Is.Null);
    }

    [Test]
    public void ReserveRelease_ManyThreads_EveryIdUniqueWhileHeld()
    {
        var table = new ProcessTable(1 << 20);
        var held = new System.Collections.Concurrent.ConcurrentDictionary<long, byte>();
        var duplicates = 0;
        Parallel.For(0, 4, _ =>
        {
            var mine = new List<long>();
            for (var i = 0; i < 50_000; i++)
            {
                var id = table.Reserve();
                if (!held.TryAdd(id & 0xFFFF_FFFF, 0))
                {
                    Interlocked.Increment(ref duplicates);
                }

                mine.Add(id);
                if (mine.Count > 16)
                {
                    var old = mine[0];
                    mine.RemoveAt(0);
                    held.TryRemove(old & 0xFFFF_FFFF, out byte _);
                    table.Release(new Pid(0, 1, old));
                }
            }
        });
        Assert.That(duplicates, Is.Zero, "a slot was handed out twice");
    }
}
