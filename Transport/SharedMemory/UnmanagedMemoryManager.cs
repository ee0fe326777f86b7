using System.Buffers;

namespace DistSys.Transport.SharedMemory;

/// <summary>
/// Lets mapped memory be handed out as <see cref="Memory{T}"/>, so a frame's payload can be a
/// <see cref="ReadOnlySequence{T}"/> pointing straight into the ring (zero copy). Created once per ring;
/// the mapping it points into outlives it.
/// </summary>
internal sealed unsafe class UnmanagedMemoryManager(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
