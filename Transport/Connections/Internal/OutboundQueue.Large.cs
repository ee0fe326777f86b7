using System.Buffers;

namespace DistSys.Transport.Connections.Internal;

/// <summary>
/// Frames too big for an inline record (more than a quarter of the ring) live in a rented array; the
/// ring carries only a record naming its slot, so FIFO order with the small frames is kept. The slot
/// count bounds how much memory large frames can hold at once.
/// </summary>
internal sealed partial class OutboundQueue
{
    private const int LargeKind = 1;
    private const int LargeSlots = 4;

    private readonly byte[]?[] _large = new byte[LargeSlots][];
    private readonly int[] _largeLength = new int[LargeSlots];

    /// <summary>Reserves a slot and a rented array for a large frame; false when the slots or the ring are full.</summary>
    public bool TryClaimLarge(int frameLength, out LargeClaim claim)
    {
        claim = default;
        var array = ArrayPool<byte>.Shared.Rent(frameLength);
        for (var slot = 0; slot < LargeSlots; slot++)
        {
            if (Interlocked.CompareExchange(ref _large[slot], array, null) is not null)
            {
                continue;
            }

            if (!TryClaim(sizeof(int), out var offset, out var destination))
            {
                Volatile.Write(ref _large[slot], null);
                break;
            }

            BitConverter.TryWriteBytes(destination.Span, slot);
            KindAt(offset) = LargeKind;
            _largeLength[slot] = frameLength;
            claim = new LargeClaim(offset, array.AsMemory(0, frameLength));
            return true;
        }

        ArrayPool<byte>.Shared.Return(array);
        return false;
    }

    /// <summary>Publishes a large frame whose bytes were written into <see cref="LargeClaim.Frame"/>.</summary>
    public void PublishLarge(in LargeClaim claim) => Publish(claim.Offset, sizeof(int));

    private int WriteLarge(IBufferWriter<byte> output, int slot)
    {
        var array = _large[slot]!;
        var length = _largeLength[slot];
        output.Write(array.AsSpan(0, length));
        ArrayPool<byte>.Shared.Return(array);
        Volatile.Write(ref _large[slot], null);
        return length;
    }
}
