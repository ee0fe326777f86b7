using System.Runtime.InteropServices;

namespace DistSys.Memory.Internal;

/// <summary>One pinned array carved into equal blocks. Pinned (POH) so a block's memory can go to a
/// socket or be copied into shared memory without a pinning handle, and never moves under a reader.</summary>
internal sealed class Slab
{
    public Slab(SizeClass owner, byte[] memory, int slot)
    {
        Blocks = new Block[owner.BlocksPerSlab];
        for (var i = 0; i < Blocks.Length; i++)
        {
            // Marked as pre-pinned, so Memory.Pin() returns the address without taking a GCHandle.
            var block = MemoryMarshal.CreateFromPinnedArray(memory, i * owner.BlockSize, owner.BlockSize);
            Blocks[i] = new Block(owner, block, (slot * owner.BlocksPerSlab) + i);
        }

        Slot = slot;
        Bytes = memory.Length;
    }

    public int Slot { get; }

    public long Bytes { get; }

    public Block[] Blocks { get; }
}
