using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace DistSys.Transport.SharedMemory;

/// <summary>
/// The <see cref="IBufferWriter{T}"/> that <see cref="Framing.FrameWriter"/> writes one record through:
/// it exposes exactly the contiguous slot the producer reserved and nothing more. One instance per
/// producer, re-pointed at each slot, so writing a frame allocates nothing.
/// </summary>
internal sealed unsafe class RingSlotWriter : IBufferWriter<byte>
{
    private byte* _slot;
    private int _length;

    public int Written { get; private set; }

    public void Reset(byte* slot, int length)
    {
        _slot = slot;
        _length = length;
        Written = 0;
    }

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_length - Written))
        {
            ThrowOverrun();
        }

        Written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) =>
        throw new NotSupportedException("ring slots are written through GetSpan");

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        // A hint is a wish, not a requirement (encoders ask for a comfortable chunk); only a slot with
        // nothing left means the payload wrote more than it declared.
        var remaining = _length - Written;
        if (remaining == 0)
        {
            ThrowOverrun();
        }

        return new Span<byte>(_slot + Written, remaining);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverrun() =>
        throw new InvalidOperationException("a frame wrote past the ring slot reserved for it");
}
