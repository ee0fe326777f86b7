namespace DistSys.Runtime.Internal;

/// <summary>
/// Maps a pid to its live process in O(1) without locks on lookup: the pid's slot indexes a
/// chunked array and the stored process must carry the very same pid (so a stale generation
/// finds nothing). Free slots form a lock-free stack whose head carries an ABA tag. Chunks are
/// allocated on demand and never freed; a slot costs 16 bytes.
/// </summary>
internal sealed class ProcessTable
{
    private const int ChunkShift = 14;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private readonly Chunk?[] _chunks;
    private readonly int _maxSlots;
    private readonly Lock _growLock = new();
    private long _freeHead; // high 32 bits: ABA tag; low 32 bits: slot + 1 (0 = empty)
    private int _nextFresh;
    private int _count;

    internal ProcessTable(int maxSlots)
    {
        _maxSlots = maxSlots;
        _chunks = new Chunk?[(maxSlots + ChunkSize - 1) >> ChunkShift];
    }

    internal int Count => Volatile.Read(ref _count);

    internal Process? Find(long id)
    {
        var slot = (int)(id & 0xFFFF_FFFF);
        var chunks = _chunks;
        if ((uint)(slot >> ChunkShift) >= (uint)chunks.Length)
        {
            return null;
        }

        var chunk = Volatile.Read(ref chunks[slot >> ChunkShift]);
        var process = chunk is null ? null : Volatile.Read(ref chunk.Processes[slot & ChunkMask]);
        return process is not null && process.Pid.Id == id ? process : null;
    }

    /// <summary>Reserves a slot and returns the local id the new process must carry.</summary>
    internal long Reserve()
    {
        var slot = PopFree();
        if (slot < 0)
        {
            slot = Interlocked.Increment(ref _nextFresh) - 1;
            if (slot >= _maxSlots)
            {
                Interlocked.Decrement(ref _nextFresh);
                ThrowHelper.ThrowProcessLimit(_maxSlots);
            }
        }

        var chunk = ChunkOf(slot);
        var generation = ++chunk.Generations[slot & ChunkMask];
        if (generation == 0)
        {
            generation = ++chunk.Generations[slot & ChunkMask];
        }

        Interlocked.Increment(ref _count);
        return Pid.MakeId(slot, generation);
    }

    internal void Publish(Process process) =>
        Volatile.Write(ref ChunkOf(process.Pid.Slot).Processes[process.Pid.Slot & ChunkMask], process);

    internal void Release(Pid pid)
    {
        var slot = pid.Slot;
        Volatile.Write(ref ChunkOf(slot).Processes[slot & ChunkMask], null);
        PushFree(slot);
        Interlocked.Decrement(ref _count);
    }

    /// <summary>Every live process at the time of the walk (for introspection and node-down).</summary>
    internal IEnumerable<Process> Snapshot()
    {
        var used = Math.Min(Volatile.Read(ref _nextFresh), _maxSlots);
        for (var slot = 0; slot < used; slot++)
        {
            var chunk = Volatile.Read(ref _chunks[slot >> ChunkShift]);
            if (chunk is not null && Volatile.Read(ref chunk.Processes[slot & ChunkMask]) is { } process)
            {
                yield return process;
            }
        }
    }

    private int PopFree()
    {
        while (true)
        {
            var head = Volatile.Read(ref _freeHead);
            var top = (int)(head & 0xFFFF_FFFF) - 1;
            if (top < 0)
            {
                return -1;
            }

            var next = Volatile.Read(ref ChunkOf(top).NextFree[top & ChunkMask]);
            var replacement = (((head >>> 32) + 1) << 32) | (uint)next;
            if (Interlocked.CompareExchange(ref _freeHead, replacement, head) == head)
            {
                return top;
            }
        }
    }

    private void PushFree(int slot)
    {
        var chunk = ChunkOf(slot);
        while (true)
        {
            var head = Volatile.Read(ref _freeHead);
            Volatile.Write(ref chunk.NextFree[slot & ChunkMask], (int)(head & 0xFFFF_FFFF));
            var replacement = (((head >>> 32) + 1) << 32) | (uint)(slot + 1);
            if (Interlocked.CompareExchange(ref _freeHead, replacement, head) == head)
            {
                return;
            }
        }
    }

    private Chunk ChunkOf(int slot)
    {
        var index = slot >> ChunkShift;
        var chunk = Volatile.Read(ref _chunks[index]);
        return chunk ?? Grow(index);
    }

    private Chunk Grow(int index)
    {
        lock (_growLock)
        {
            var chunk = _chunks[index];
            if (chunk is null)
            {
                chunk = new Chunk();
                Volatile.Write(ref _chunks[index], chunk);
            }

            return chunk;
        }
    }

    private sealed class Chunk
    {
        internal readonly Process?[] Processes = new Process?[ChunkSize];
        internal readonly int[] NextFree = new int[ChunkSize];
        internal readonly int[] Generations = new int[ChunkSize];
    }
}
