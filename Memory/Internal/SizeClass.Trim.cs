namespace DistSys.Memory.Internal;

/// <summary>Giving idle slabs back to the GC. Callers serialise trims (one at a time per pool); rents
/// and returns carry on meanwhile and simply miss while the list is detached.</summary>
internal sealed partial class SizeClass
{
    /// <summary>Releases every slab whose blocks are all on the global free list; returns the bytes freed.</summary>
    public long Trim()
    {
        var link = DetachAll();
        if (link == 0)
        {
            return 0;
        }

        // The detached chain is ours alone, and every index on it was published before it was pushed,
        // so each lookup succeeds.
        var slabs = Slabs;
        var chain = new List<Block?>();
        var freeInSlot = new int[slabs.Length];
        while (link != 0)
        {
            var block = Find(slabs, link)!;
            chain.Add(block);
            freeInSlot[block.Index >> _slotShift]++;
            link = block.NextLink;
        }

        var kept = chain.FindAll(b => freeInSlot[b!.Index >> _slotShift] < BlocksPerSlab);
        if (kept.Count > 0)
        {
            Push(kept.ToArray());
        }

        if (kept.Count == chain.Count)
        {
            return 0;
        }

        var released = Release(freeInSlot);
        Interlocked.Add(ref _slabBytes, -released);
        return released;
    }

    private long Release(int[] freeInSlot)
    {
        while (true)
        {
            var current = Slabs;
            var next = (Slab?[])current.Clone();
            long bytes = 0;
            for (var slot = 0; slot < freeInSlot.Length; slot++)
            {
                if (freeInSlot[slot] == BlocksPerSlab)
                {
                    bytes += next[slot]!.Bytes;
                    next[slot] = null;
                }
            }

            if (Interlocked.CompareExchange(ref _slabs, next, current) == current)
            {
                return bytes;
            }
        }
    }
}
