using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DistSys.Transport.Connections.Internal;

/// <summary>
/// A bounded many-producer/one-consumer byte ring (the shape of Aeron's ManyToOneRingBuffer) that
/// holds encoded frames between senders and the writer loop. Senders claim space with one CAS on the
/// tail, write their frame, then publish it by storing its length; the writer loop copies published
/// frames in order into the pipe and zeroes what it consumed. No locks, no allocation, and when it is
/// full the sender is told so instead of memory growing.
/// <code>
/// record: | length i32 (&gt;0 published, &lt;0 padding to the end) | kind i32 (0 inline, 1 large) | frame bytes or large slot | pad to 8 |
/// </code>
/// </summary>
internal sealed partial class OutboundQueue
{
    private const int RecordHeader = 8;
    private const int Alignment = 8;

    private readonly byte[] _buffer;
    private readonly int _capacity;
    private readonly int _mask;
    private PaddedLong _tail;
    private PaddedLong _head;

    public OutboundQueue(int capacityBytes)
    {
        _capacity = (int)BitOperations.RoundUpToPowerOf2((uint)capacityBytes);
        _mask = _capacity - 1;

        // Long-lived and per connection: allocated once, pinned so the copy loop never moves.
        _buffer = GC.AllocateArray<byte>(_capacity, pinned: true);
    }

    /// <summary>The largest frame that fits in one record; bigger frames go through the large-frame path.</summary>
    public int MaxInlineFrame => (_capacity / 4) - RecordHeader;

    public bool IsEmpty => Volatile.Read(ref _head.Value) == Volatile.Read(ref _tail.Value);

    /// <summary>Claims room for a frame of <paramref name="frameLength"/> bytes; false when full.</summary>
    public bool TryClaim(int frameLength, out int offset, out Memory<byte> destination)
    {
        var aligned = Align(RecordHeader + frameLength);
        while (true)
        {
            var tail = Volatile.Read(ref _tail.Value);
            var free = _capacity - (int)(tail - Volatile.Read(ref _head.Value));
            var start = (int)(tail & _mask);
            var toEnd = _capacity - start;
            var padding = aligned > toEnd ? toEnd : 0;
            if (aligned + padding > free)
            {
                offset = 0;
                destination = default;
                return false;
            }

            if (Interlocked.CompareExchange(ref _tail.Value, tail + padding + aligned, tail) != tail)
            {
                continue;
            }

            if (padding != 0)
            {
                // The record does not fit before the end: publish a padding record and start at 0.
                Volatile.Write(ref LengthAt(start), -padding);
                start = 0;
            }

            offset = start;
            destination = _buffer.AsMemory(start + RecordHeader, frameLength);
            return true;
        }
    }

    /// <summary>Makes a claimed frame visible to the writer loop (release store of its length).</summary>
    public void Publish(int offset, int frameLength) => Volatile.Write(ref LengthAt(offset), frameLength);

    /// <summary>
    /// Gives a claim back when its frame could not be written: it is published as padding, which the
    /// writer loop skips, because an unpublished claim would stall every frame queued behind it.
    /// </summary>
    public void Abandon(int offset, int frameLength) => Volatile.Write(ref LengthAt(offset), -Align(RecordHeader + frameLength));

    /// <summary>
    /// Copies published frames, in claim order, into <paramref name="output"/> until the queue is empty,
    /// an unpublished claim is reached, or <paramref name="maxBytes"/> were copied. Consumer only.
    /// </summary>
    public int Drain(IBufferWriter<byte> output, int maxBytes, out long bytes)
    {
        var head = _head.Value;
        var frames = 0;
        bytes = 0;
        while (bytes < maxBytes)
        {
            var start = (int)(head & _mask);
            var length = Volatile.Read(ref LengthAt(start));
            if (length == 0)
            {
                break;
            }

            int aligned;
            if (length < 0)
            {
                aligned = -length;
            }
            else
            {
                aligned = Align(RecordHeader + length);
                bytes += KindAt(start) == LargeKind
                    ? WriteLarge(output, BitConverter.ToInt32(_buffer, start + RecordHeader))
                    : WriteInline(output, start, length);
                frames++;
            }

            // Zero before moving the head: a producer may reuse these bytes the moment the head passes
            // them, and a stale length would look published to the next drain.
            _buffer.AsSpan(start, aligned).Clear();
            head += aligned;
        }

        Volatile.Write(ref _head.Value, head);
        return frames;
    }

    private int WriteInline(IBufferWriter<byte> output, int start, int length)
    {
        output.Write(_buffer.AsSpan(start + RecordHeader, length));
        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Align(int length) => (length + Alignment - 1) & ~(Alignment - 1);

    private ref int KindAt(int offset) => ref LengthAt(offset + sizeof(int));

    private ref int LengthAt(int offset) =>
        ref Unsafe.As<byte, int>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), offset));
}
