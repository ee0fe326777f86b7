using DistSys.Memory.Internal;

namespace DistSys.Memory.Tests.Internal;

public sealed class SizeClassTests
{
    [Test]
    public void TryPop_AfterPush_ReturnsBlocksInStackOrder()
    {
        using var pool = new BlockMemoryPool();
        var sizeClass = new SizeClass(pool, 0, 64, 512, 0);
        var blocks = sizeClass.Grow().Blocks;
        sizeClass.Push(blocks.AsSpan(0, 3));
        sizeClass.Push(blocks.AsSpan(3, 2));

        var popped = new Block?[8];
        var count = sizeClass.TryPop(popped);

        Assert.That(popped[..count], Is.EqualTo(new[] { blocks[3], blocks[4], blocks[0], blocks[1], blocks[2] }));
    }

    [Test]
    public void TryReplaceHead_StalePopAfterTheSameHeadIndexCameBack_FailsOnTheTag()
    {
        using var pool = new BlockMemoryPool();
        var sizeClass = new SizeClass(pool, 0, 64, 512, 0);
        var blocks = sizeClass.Grow().Blocks;
        sizeClass.Push(blocks.AsSpan(0, 3));

        // A popper reads head = block 0 and its link = block 1, then stalls. Meanwhile blocks 0 and 1
        // are popped and block 0 alone is pushed back: same head index, block 1 now rented.
        var observed = sizeClass.Head;
        var staleLink = blocks[0].NextLink;
        sizeClass.TryPop(new Block?[2]);
        sizeClass.Push(blocks.AsSpan(0, 1));

        var popped = new Block?[8];
        Assert.Multiple(() =>
        {
            Assert.That(sizeClass.TryReplaceHead(observed, staleLink), Is.False, "the stale CAS would put rented block 1 back on the list");
            Assert.That(popped[..sizeClass.TryPop(popped)], Is.EqualTo(new[] { blocks[0], blocks[2] }));
        });
    }

    [Test]
    public void TryPop_Batch_TakesOnlyWhatFitsAndLeavesTheRest()
    {
        using var pool = new BlockMemoryPool();
        var sizeClass = new SizeClass(pool, 0, 64, 512, 0);
        var blocks = sizeClass.Grow().Blocks;
        sizeClass.Push(blocks);

        var first = new Block?[3];
        var rest = new Block?[16];

        Assert.Multiple(() =>
        {
            Assert.That(sizeClass.TryPop(first), Is.EqualTo(3));
            Assert.That(sizeClass.TryPop(rest), Is.EqualTo(blocks.Length - 3));
            Assert.That(sizeClass.TryPop(rest), Is.Zero);
        });
    }

    [Test]
    public void Trim_SlabPartlyOnTheList_KeepsTheSlabAndItsFreeBlocks()
    {
        using var pool = new BlockMemoryPool();
        var sizeClass = new SizeClass(pool, 0, 64, 512, 0);
        var blocks = sizeClass.Grow().Blocks;
        sizeClass.Push(blocks.AsSpan(1));

        Assert.Multiple(() =>
        {
            Assert.That(sizeClass.Trim(), Is.Zero);
            Assert.That(sizeClass.TryPop(new Block?[16]), Is.EqualTo(blocks.Length - 1));
        });
    }

    [Test]
    public void Grow_AfterTrim_ReusesTheFreedSlot()
    {
        using var pool = new BlockMemoryPool();
        var sizeClass = new SizeClass(pool, 0, 64, 512, 0);
        sizeClass.Push(sizeClass.Grow().Blocks);
        var second = sizeClass.Grow();

        sizeClass.Trim();
        var third = sizeClass.Grow();

        Assert.Multiple(() =>
        {
            Assert.That(third.Slot, Is.EqualTo(0));
            Assert.That(sizeClass.Slabs, Is.EqualTo(new[] { third, second }));
        });
    }
}
