using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace DistSys.Runtime.Internal;

/// <summary>
/// The mailbox: a lock-free multi-producer/single-consumer queue of object references, made of
/// ring segments (<see cref="MessageSegment"/>). The first ring is allocated on the first message,
/// so an idle process that was never sent anything costs no queue memory. Rings grow by doubling
/// and are then reused forever, so steady-state enqueue/dequeue allocates nothing. A bounded
/// queue has a single ring and refuses what does not fit. It is a mutable struct embedded in its
/// owner: never copy it.
/// </summary>
internal struct MessageQueue
{
    private const int InitialCapacity = 4;
    private const int MaxSegmentCapacity = 1 << 16;

    // A reference array's header on 64-bit CoreCLR: object header, method table, length (padded).
    private const int ArrayHeaderBytes = 24;

    private MessageSegment? _head;
    private MessageSegment? _tail;

    /// <summary>Messages waiting (approximate while producers are active).</summary>
    internal int Count
    {
        get
        {
            long total = 0;
            for (var s = Volatile.Read(ref _head); s is not null; s = Volatile.Read(ref s.Next))
            {
                total += s.Count;
            }

            return (int)Math.Min(total, int.MaxValue);
        }
    }

    /// <summary>
    /// Bytes of the rings now linked (slot arrays with their headers, and the ring objects): an
    /// estimate of the queue's own memory for introspection, racy like <see cref="Count"/>.
    /// </summary>
    internal long Bytes
    {
        get
        {
            long total = 0;
            for (var s = Volatile.Read(ref _head); s is not null; s = Volatile.Read(ref s.Next))
            {
                total += MessageSegment.ObjectBytes + ArrayHeaderBytes + ((long)s.Slots.Length * IntPtr.Size);
            }

            return total;
        }
    }

    /// <summary>True when some producer has claimed a position the consumer has not taken yet.</summary>
    internal bool HasItems
    {
        get
        {
            var seg = Volatile.Read(ref _head);
            return seg is not null && (seg.Count > 0 || Volatile.Read(ref seg.Next) is not null);
        }
    }

    /// <summary>Adds a message; false only when <paramref name="bound"/> is positive and reached.</summary>
    internal bool TryEnqueue(object item, int bound)
    {
        var seg = Volatile.Read(ref _tail) ?? CreateFirst(bound);
        while (true)
        {
            var tail = Volatile.Read(ref seg.Tail);
            if ((tail & MessageSegment.FrozenBit) == 0)
            {
                long capacity = bound > 0 ? Math.Min(bound, seg.Slots.Length) : seg.Slots.Length;
                if (tail - Volatile.Read(ref seg.Head) < capacity)
                {
                    if (Interlocked.CompareExchange(ref seg.Tail, tail + 1, tail) == tail)
                    {
                        Volatile.Write(ref seg.Slots[tail & seg.Mask], item);
                        return true;
                    }

                    continue;
                }

                if (bound > 0 && seg.Slots.Length >= bound)
                {
                    return false;
                }

                Freeze(seg);
            }

            seg = Advance(seg);
        }
    }

    /// <summary>Takes the oldest message; only the owning process calls this.</summary>
    internal bool TryDequeue([NotNullWhen(true)] out object? item)
    {
        var seg = Volatile.Read(ref _head);
        while (seg is not null)
        {
            var head = seg.Head;
            ref var slot = ref seg.Slots[head & seg.Mask];
            var value = Volatile.Read(ref slot);
            if (value is not null)
            {
                slot = null;
                Volatile.Write(ref seg.Head, head + 1);
                item = value;
                return true;
            }

            var tail = Volatile.Read(ref seg.Tail);
            if (head < (tail & ~MessageSegment.FrozenBit))
            {
                // A producer claimed this slot and is about to publish it: a few instructions away.
                if (!WaitForPublish(ref slot))
                {
                    break;
                }

                continue;
            }

            if ((tail & MessageSegment.FrozenBit) == 0)
            {
                break;
            }

            var next = Volatile.Read(ref seg.Next);
            if (next is null)
            {
                Thread.SpinWait(1);
                continue;
            }

            _head = seg = next;
        }

        item = null;
        return false;
    }

    /// <summary>The head is claimed first, so the consumer can never start past the first ring.</summary>
    private MessageSegment CreateFirst(int bound)
    {
        var capacity = bound > 0 ? (int)BitOperations.RoundUpToPowerOf2((uint)bound) : InitialCapacity;
        var first = new MessageSegment(capacity);
        if (Interlocked.CompareExchange(ref _head, first, null) is null)
        {
            Volatile.Write(ref _tail, first);
            return first;
        }

        var spin = default(SpinWait);
        MessageSegment? tail;
        while ((tail = Volatile.Read(ref _tail)) is null)
        {
            spin.SpinOnce();
        }

        return tail;
    }

    private static void Freeze(MessageSegment seg)
    {
        var before = Interlocked.Or(ref seg.Tail, MessageSegment.FrozenBit);
        if ((before & MessageSegment.FrozenBit) == 0)
        {
            var capacity = Math.Min(seg.Slots.Length * 2, MaxSegmentCapacity);
            Volatile.Write(ref seg.Next, new MessageSegment(capacity));
        }
    }

    private MessageSegment Advance(MessageSegment frozen)
    {
        var spin = default(SpinWait);
        MessageSegment? next;
        while ((next = Volatile.Read(ref frozen.Next)) is null)
        {
            spin.SpinOnce();
        }

        Interlocked.CompareExchange(ref _tail, next, frozen);
        return Volatile.Read(ref _tail)!;
    }

    private static bool WaitForPublish(ref object? slot)
    {
        var spin = default(SpinWait);
        while (Volatile.Read(ref slot) is null)
        {
            if (spin.NextSpinWillYield)
            {
                return false;
            }

            spin.SpinOnce();
        }

        return true;
    }
}
