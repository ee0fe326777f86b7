namespace DistSys.Memory.Internal;

/// <summary>The global free list: a Treiber stack threaded through block indices, its head a 64-bit
/// word [version tag : 32 | first index + 1 : 32] changed only by CAS.</summary>
internal sealed partial class SizeClass
{
    private long _head;

    /// <summary>Pops up to <paramref name="into"/>.Length blocks with one CAS; returns how many.</summary>
    public int TryPop(Span<Block?> into)
    {
        var spin = default(SpinWait);
        while (true)
        {
            var head = Head;
            var link = (int)head;
            if (link == 0)
            {
                return 0;
            }

            // The walk may read links of blocks another thread has popped meanwhile; any such change
            // also bumped the head's tag, so the CAS below fails and the garbage is never used.
            var slabs = Slabs;
            var count = 0;
            while (link != 0 && count < into.Length && Find(slabs, link) is { } block)
            {
                into[count++] = block;
                link = Volatile.Read(ref block.NextLink);
            }

            if (count > 0 && TryReplaceHead(head, link))
            {
                return count;
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>The head word [tag | link], as a pop reads it first.</summary>
    internal long Head => Volatile.Read(ref _head);

    /// <summary>A pop's commit: succeeds only if the head is still exactly what the pop read.</summary>
    internal bool TryReplaceHead(long observed, int link) =>
        Interlocked.CompareExchange(ref _head, Successor(observed, link), observed) == observed;

    /// <summary>Pushes a run of blocks the caller owns with one CAS.</summary>
    public void Push(ReadOnlySpan<Block?> blocks)
    {
        for (var i = 0; i < blocks.Length - 1; i++)
        {
            blocks[i]!.NextLink = blocks[i + 1]!.Index + 1;
        }

        var first = blocks[0]!.Index + 1;
        var last = blocks[^1]!;
        var spin = default(SpinWait);
        while (true)
        {
            var head = Volatile.Read(ref _head);
            last.NextLink = (int)head;

            // The CAS is a full fence: the links written above are visible before the new head is.
            if (Interlocked.CompareExchange(ref _head, Successor(head, first), head) == head)
            {
                return;
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Takes the whole list at once (one CAS), for trimming and disposal.</summary>
    private int DetachAll()
    {
        while (true)
        {
            var head = Volatile.Read(ref _head);
            if ((int)head == 0 || Interlocked.CompareExchange(ref _head, Successor(head, 0), head) == head)
            {
                return (int)head;
            }
        }
    }

    /// <summary>Every successful CAS bumps the tag, so a head value is never seen twice (until the
    /// 32-bit tag wraps, which needs 2^32 list operations inside one reader's read-to-CAS window).</summary>
    private static long Successor(long head, int link) =>
        unchecked((long)(((ulong)head & 0xFFFF_FFFF_0000_0000UL) + (1UL << 32)) | (uint)link);
}
