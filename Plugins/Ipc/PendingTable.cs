namespace DistSys.Plugins.Ipc;

/// <summary>
/// The requests in flight on one instance, without locks or per-request allocation: a fixed array of
/// reusable <see cref="PendingCall"/> slots (created on first use). A request id carries its slot in
/// its low bits and a sequence number above them, so the reader finds the slot by index and a stale or
/// forged id never matches the slot's current one.
/// </summary>
internal sealed class PendingTable
{
    private const int SlotBits = 10;
    private const ulong SlotMask = (1 << SlotBits) - 1;
    private readonly PendingCall?[] _slots = new PendingCall?[1 << SlotBits];
    private long _sequence;
    private int _cursor;

    /// <summary>Most requests one instance has in flight; a caller beyond it waits for a free slot.</summary>
    public static int Capacity => 1 << SlotBits;

    /// <summary>A free slot and a fresh id for it (never 0, which marks one-way messages).</summary>
    public PendingCall Rent(out ulong id)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            for (var n = 0; n < _slots.Length; n++)
            {
                var index = (int)((uint)Interlocked.Increment(ref _cursor) & SlotMask);
                var call = Volatile.Read(ref _slots[index]) ?? Create(index);
                if (call.TryRent())
                {
                    id = ((ulong)Interlocked.Increment(ref _sequence) << SlotBits) | (uint)index;
                    return call;
                }
            }

            // Every slot is in flight: back-pressure until a response frees one.
            spinner.SpinOnce();
        }
    }

    /// <summary>The slot of request <paramref name="id"/> if this caller is the one to complete it.</summary>
    public bool TryClaim(ulong id, out PendingCall call)
    {
        call = Volatile.Read(ref _slots[(int)(id & SlotMask)])!;
        return call is not null && call.TryClaim(id);
    }

    /// <summary>Requests in flight (a snapshot: for the watchdog, statistics and tests).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var call in _slots)
            {
                count += call is not null && call.Id != 0 ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>Every slot created so far (a slot's <see cref="PendingCall.Id"/> says whether it is in flight).</summary>
    public IEnumerable<PendingCall> Slots
    {
        get
        {
            foreach (var call in _slots)
            {
                if (call is not null)
                {
                    yield return call;
                }
            }
        }
    }

    private PendingCall Create(int index) =>
        Interlocked.CompareExchange(ref _slots[index], new PendingCall(), null) ?? _slots[index]!;
}
