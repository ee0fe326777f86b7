using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DistSys.Transport.Framing;

namespace DistSys.Transport.SharedMemory;

/// <summary>
/// The consuming end of one shared-memory ring. <see cref="TryRead"/> hands out the next frame with
/// its payload pointing straight into the mapped memory (zero copy); <see cref="Advance"/> releases it
/// to the writer. Single consumer: one thread at a time. Reading allocates nothing and takes no locks.
/// Everything in the ring is treated as hostile: a malformed record or an impossible tail is a
/// <see cref="ProtocolException"/>, never a crash, a hang or an out-of-bounds read.
/// </summary>
public sealed unsafe class RingReader : IRingCondition
{
    private readonly RingControl _ring;
    private readonly Memory<byte> _memory;
    private readonly Doorbell _dataBell;
    private readonly Doorbell _spaceBell;
    private readonly int* _peerClosed;
    private readonly int _maxPayload;
    private ulong _head;
    private ulong _cachedTail;
    private int _pending;

    internal RingReader(RingControl ring, Doorbell dataBell, Doorbell spaceBell, int* peerClosed)
    {
        _ring = ring;
        _memory = new UnmanagedMemoryManager(ring.Data, ring.Capacity).Memory;
        _dataBell = dataBell;
        _spaceBell = spaceBell;
        _peerClosed = peerClosed;
        _maxPayload = Math.Min(ring.Capacity - FrameHeader.Size, TransportLimits.DefaultMaxPayload);
        _head = ring.InitialPosition(ring.Head);
        _cachedTail = _head;
    }

    /// <summary>Free-running byte position of the next record (tests use it to check wrap-around).</summary>
    internal ulong Position => _head;

    /// <summary>
    /// Reads the next frame without copying it; false when the ring is empty. The payload stays valid
    /// until <see cref="Advance"/>; calling this again before that returns the same frame.
    /// </summary>
    /// <exception cref="ProtocolException">The writer published a malformed record or an impossible tail.</exception>
    public bool TryRead(out Frame frame)
    {
        frame = default;
        if (!HasData())
        {
            return false;
        }

        var offset = (int)(_head & (ulong)_ring.Mask);
        var contiguous = _ring.Capacity - offset;
        if (BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(_ring.Data + offset, sizeof(uint))) == RingLayout.SkipMarker)
        {
            if (_cachedTail - _head < (ulong)contiguous)
            {
                ThrowMalformed("a skip marker not covered by the published tail");
            }

            Release(contiguous);
            if (!HasData())
            {
                return false;
            }

            offset = 0;
            contiguous = _ring.Capacity;
        }

        // The codec validates the header (kind, flags, reserved, length against the maximum) before the
        // length is trusted; the record must then lie within what the writer published.
        var available = (int)Math.Min(_cachedTail - _head, (ulong)contiguous);
        if (available < FrameHeader.Size)
        {
            ThrowMalformed("a record shorter than a frame header");
        }

        var header = FrameHeader.Read(new ReadOnlySpan<byte>(_ring.Data + offset, FrameHeader.Size), _maxPayload);
        if (header.Length > available - FrameHeader.Size)
        {
            ThrowMalformed("a record that runs past the published tail or the end of the ring");
        }

        frame = new Frame(header, new ReadOnlySequence<byte>(_memory.Slice(offset + FrameHeader.Size, header.Length)));
        _pending = RingLayout.RecordSize(header.Length);
        return true;
    }

    /// <summary>Releases the frame returned by the last <see cref="TryRead"/>, letting the writer reuse its space.</summary>
    public void Advance()
    {
        if (_pending == 0)
        {
            ThrowNothingToAdvance();
        }

        Release(_pending);
        _pending = 0;
    }

    /// <summary>
    /// Waits until a frame can be read: spins briefly, then sleeps on the doorbell the writer rings
    /// when it publishes. <see cref="RingWaitResult.PeerClosed"/> only once the ring is drained.
    /// </summary>
    /// <exception cref="ProtocolException">The writer published an impossible tail.</exception>
    public RingWaitResult WaitToRead(TimeSpan timeout) =>
        RingWaiter.Wait(this, _ring.ConsumerSleeping, _peerClosed, _dataBell, timeout);

    bool IRingCondition.IsReady() => HasData();

    private bool HasData()
    {
        if (_cachedTail != _head)
        {
            return true;
        }

        var tail = (ulong)Volatile.Read(ref *_ring.Tail);
        if (!_ring.IsPlausible(tail, _head, peerIsAhead: true))
        {
            ThrowCorruptTail(tail, _head);
        }

        _cachedTail = tail;
        return tail != _head;
    }

    private void Release(int bytes)
    {
        _head += (ulong)bytes;
        Interlocked.Exchange(ref *_ring.Head, (long)_head);
        RingWaiter.Notify(_ring.ProducerSleeping, _spaceBell);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowMalformed(string what) =>
        ProtocolException.Throw(ProtocolError.Malformed, $"shared-memory ring: {what}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowCorruptTail(ulong tail, ulong head) =>
        ProtocolException.Throw(ProtocolError.Malformed, $"shared-memory ring: the writer published tail {tail}, impossible against head {head}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNothingToAdvance() =>
        throw new InvalidOperationException("Advance called without a frame from TryRead");
}
