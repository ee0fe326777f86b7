namespace DistSys.Runtime.Internal;

/// <summary>
/// One ring of a <see cref="MessageQueue"/>. Producers claim a position by CAS on
/// <see cref="Tail"/> and then publish the reference into its slot; the single consumer takes
/// a slot once it is non-null, clears it, and only then advances <see cref="Head"/>, so a
/// producer that sees room (tail - head &lt; capacity) always finds its slot empty.
/// A full ring is frozen (<see cref="FrozenBit"/> set in the tail, so late CASes fail) and
/// superseded by a ring twice its size; the consumer drains it before moving on.
/// </summary>
internal sealed class MessageSegment
{
    internal const long FrozenBit = 1L << 62;

    /// <summary>This object's size on 64-bit CoreCLR: header and method table, two longs and two references.</summary>
    internal const int ObjectBytes = 48;

    internal readonly object?[] Slots;
    internal long Head;
    internal long Tail;
    internal MessageSegment? Next;

    internal MessageSegment(int capacity) => Slots = new object?[capacity];

    internal int Mask => Slots.Length - 1;

    /// <summary>Claimed positions not yet consumed (racy, for emptiness checks and introspection).</summary>
    internal long Count => (Volatile.Read(ref Tail) & ~FrozenBit) - Volatile.Read(ref Head);
}
