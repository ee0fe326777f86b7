using System.Buffers.Binary;
using DistSys.Transport.Framing;

namespace DistSys.Transport.SharedMemory;

/// <summary>
/// The producing end of one shared-memory ring. Each record is exactly one frame (32-byte header +
/// payload, padded to 8 bytes) and never straddles the end of the ring. Single producer: one thread
/// at a time. Writing allocates nothing and takes no locks.
/// </summary>
public sealed unsafe partial class RingWriter : IRingCondition
{
    private readonly RingControl _ring;
    private readonly RingSlotWriter _slot = new();
    private readonly Doorbell _dataBell;
    private readonly Doorbell _spaceBell;
    private readonly int* _peerClosed;
    private ulong _tail;
    private ulong _cachedHead;
    private int _waitingFor;

    internal RingWriter(RingControl ring, Doorbell dataBell, Doorbell spaceBell, int* peerClosed)
    {
        _ring = ring;
        _dataBell = dataBell;
        _spaceBell = spaceBell;
        _peerClosed = peerClosed;
        MaxPayload = Math.Min(ring.Capacity - FrameHeader.Size, TransportLimits.DefaultMaxPayload);
        _tail = ring.InitialPosition(ring.Tail);
        _cachedHead = ReadHead();
    }

    /// <summary>
    /// The largest payload one record can carry. Larger payloads are refused (not chunked): split them
    /// above the ring, or create the channel with a larger capacity.
    /// </summary>
    public int MaxPayload { get; }

    /// <summary>Free-running byte position of the next record (tests use it to aim at the ring's end).</summary>
    internal ulong Position => _tail;

    /// <summary>Writes one frame; false when the ring has no room for it now (nothing written).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The payload exceeds <see cref="MaxPayload"/>.</exception>
    /// <exception cref="ProtocolException">The reader published an impossible head (corrupted ring).</exception>
    public bool TryWrite(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (!TryReserve(payload.Length, out var slot, out var size))
        {
            return false;
        }

        _slot.Reset(slot, size);
        FrameWriter.Write(_slot, header, payload);
        Publish(size);
        return true;
    }

    /// <summary>Writes one frame whose payload encodes itself straight into the ring (no temporary buffer).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The payload exceeds <see cref="MaxPayload"/>.</exception>
    public bool TryWrite<TPayload>(in FrameHeader header, in TPayload payload)
        where TPayload : IFramePayload, allows ref struct
    {
        if (!TryReserve(payload.PayloadLength, out var slot, out var size))
        {
            return false;
        }

        _slot.Reset(slot, size);
        FrameWriter.Write(_slot, header, payload);
        Publish(size);
        return true;
    }

    /// <summary>
    /// Waits until a payload of <paramref name="payloadLength"/> bytes fits: spins briefly, then sleeps on
    /// the doorbell the reader rings when it frees space.
    /// </summary>
    public RingWaitResult WaitToWrite(int payloadLength, TimeSpan timeout)
    {
        CheckPayloadLength(payloadLength);
        _waitingFor = payloadLength;
        return RingWaiter.Wait(this, _ring.ProducerSleeping, _peerClosed, _spaceBell, timeout);
    }

    bool IRingCondition.IsReady() => HasSpace(SpaceNeeded(_waitingFor));

    private bool TryReserve(int payloadLength, out byte* slot, out int size)
    {
        CheckPayloadLength(payloadLength);
        size = RingLayout.RecordSize(payloadLength);
        var offset = (int)(_tail & (ulong)_ring.Mask);
        var contiguous = _ring.Capacity - offset;
        slot = null;
        if (size > contiguous)
        {
            // The record would straddle the end: mark the rest of this lap empty and start over at 0.
            if (!HasSpace(contiguous))
            {
                return false;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(_ring.Data + offset, sizeof(uint)), RingLayout.SkipMarker);
            Publish(contiguous);
            offset = 0;
        }

        if (!HasSpace(size))
        {
            return false;
        }

        slot = _ring.Data + offset;
        return true;
    }

    private void Publish(int size)
    {
        _tail += (ulong)size;
        Interlocked.Exchange(ref *_ring.Tail, (long)_tail);
        RingWaiter.Notify(_ring.ConsumerSleeping, _dataBell);
    }
}
