using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DistSys.Transport.Framing;

namespace DistSys.Transport.SharedMemory;

/// <summary>The producer's view of free space: its private tail against the reader's validated head.</summary>
public sealed unsafe partial class RingWriter
{
    private bool HasSpace(int bytes)
    {
        var capacity = (ulong)_ring.Capacity;
        if (capacity - (_tail - _cachedHead) >= (ulong)bytes)
        {
            return true;
        }

        // Only go to the reader's cache line when the cached head says "full".
        _cachedHead = ReadHead();
        return capacity - (_tail - _cachedHead) >= (ulong)bytes;
    }

    /// <summary>Bytes that must be free to write a payload without waiting again, counting a skip to the start.</summary>
    private int SpaceNeeded(int payloadLength)
    {
        var size = RingLayout.RecordSize(payloadLength);
        var contiguous = _ring.Capacity - (int)(_tail & (ulong)_ring.Mask);
        return size > contiguous ? contiguous + size : size;
    }

    private ulong ReadHead()
    {
        var head = (ulong)Volatile.Read(ref *_ring.Head);
        if (!_ring.IsPlausible(head, _tail, peerIsAhead: false))
        {
            ThrowCorruptHead(head, _tail);
        }

        return head;
    }

    private void CheckPayloadLength(int payloadLength)
    {
        if ((uint)payloadLength > (uint)MaxPayload)
        {
            ThrowTooLarge(payloadLength, MaxPayload);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowCorruptHead(ulong head, ulong tail) =>
        ProtocolException.Throw(ProtocolError.Malformed, $"shared-memory ring: the reader published head {head}, impossible against tail {tail}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooLarge(int payloadLength, int maxPayload) =>
        throw new ArgumentOutOfRangeException(
            nameof(payloadLength),
            payloadLength,
            $"a shared-memory ring record carries at most {maxPayload} payload bytes; larger payloads are refused, not chunked (split them above the ring or create the channel with a larger capacity)");
}
