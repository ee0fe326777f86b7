using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DistSys.Transport.Framing;

namespace DistSys.Transport.SharedMemory;

/// <summary>
/// One SPSC ring as both sides see it: pointers into the mapped control lines and data area.
/// <para>
/// Memory ordering. The producer writes a record's bytes with plain stores, then publishes the new tail
/// with a store that is at least a release (so no reader can see the tail before the bytes it covers);
/// the consumer reads the tail with an acquire (<see cref="Volatile.Read(ref readonly long)"/>) before
/// touching the bytes it covers. Symmetrically the consumer finishes reading a record, then publishes the
/// new head with release; the producer reads the head with acquire before reusing that space. On x64
/// and Arm64 .NET's Volatile reads and writes give exactly these acquire and release semantics.
/// </para>
/// <para>
/// The publishes use <see cref="Interlocked.Exchange(ref long, long)"/> rather than a release store
/// because each is followed by a read of the other side's sleeping flag: that store-then-load pair needs
/// a full fence (see <see cref="RingWaiter"/> for the lost-wakeup argument), which a release store
/// does not give.
/// </para>
/// <para>
/// The other process is untrusted: each side keeps its own index privately and only ever reads the
/// peer's index from shared memory, validating it (aligned, within one capacity of ours) every time.
/// </para>
/// </summary>
internal readonly unsafe struct RingControl
{
    public RingControl(byte* control, byte* data, int capacity)
    {
        Tail = (long*)(control + RingLayout.TailOffset);
        Head = (long*)(control + RingLayout.HeadOffset);
        ConsumerSleeping = (int*)(control + RingLayout.ConsumerSleepingOffset);
        ProducerSleeping = (int*)(control + RingLayout.ProducerSleepingOffset);
        Data = data;
        Capacity = capacity;
    }

    public long* Tail { get; }

    public long* Head { get; }

    public int* ConsumerSleeping { get; }

    public int* ProducerSleeping { get; }

    public byte* Data { get; }

    public int Capacity { get; }

    public int Mask => Capacity - 1;

    /// <summary>Our own index as the file holds it when we attach; validated like any peer input.</summary>
    public ulong InitialPosition(long* index)
    {
        var position = (ulong)Volatile.Read(ref *index);
        if ((position & (RingLayout.RecordAlignment - 1)) != 0)
        {
            ThrowUnaligned(position);
        }

        return position;
    }

    /// <summary>True when <paramref name="peer"/> is a position the other side may legally have published.</summary>
    public bool IsPlausible(ulong peer, ulong ours, bool peerIsAhead)
    {
        var distance = peerIsAhead ? peer - ours : ours - peer;
        return distance <= (ulong)Capacity && (peer & (RingLayout.RecordAlignment - 1)) == 0;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnaligned(ulong position) =>
        ProtocolException.Throw(ProtocolError.Malformed, $"shared-memory ring: index {position} is not {RingLayout.RecordAlignment}-byte aligned");
}
