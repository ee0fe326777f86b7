using DistSys.Runtime.Internal;

namespace DistSys.Runtime;

/// <summary>Run-time counters and per-process snapshots.</summary>
public sealed partial class ProcessRuntime
{
    /// <summary>Processes alive now.</summary>
    public int ProcessCount => Table.Count;

    /// <summary>Processes spawned since start.</summary>
    public long SpawnedCount => Interlocked.Read(ref _spawned);

    /// <summary>Processes exited since start.</summary>
    public long ExitedCount => Interlocked.Read(ref _exited);

    /// <summary>Messages dropped because a bounded mailbox was full.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Messages sent to processes that were not alive or not reachable.</summary>
    public long UndeliverableMessages => Interlocked.Read(ref _undeliverable);

    /// <summary>
    /// Messages handled by this runtime's processes, the exited ones included: a walk of the process
    /// table (read for metrics, not per message; the count is each process's own plain counter).
    /// </summary>
    public long MessagesHandled
    {
        get
        {
            var total = Interlocked.Read(ref _handledByExited);
            foreach (var process in Table.Snapshot())
            {
                total += process.MessagesHandled;
            }

            return total;
        }
    }

    /// <summary>Whether <paramref name="pid"/> is a live local process.</summary>
    public bool IsAlive(Pid pid) => IsLocal(pid) && Table.Find(pid.Id) is { IsDead: false };

    /// <summary>A snapshot of <paramref name="pid"/>, or null if it is not a live local process.</summary>
    public ProcessInfo? GetInfo(Pid pid) => IsLocal(pid) && Table.Find(pid.Id) is { } process ? process.Snapshot() : null;

    /// <summary>The most processes <see cref="Top"/> returns.</summary>
    public const int MaxTop = 1000;

    /// <summary>
    /// The <paramref name="count"/> live processes ranking highest by <paramref name="by"/>, highest
    /// first (ties by pid). One walk of the process table while every process keeps running: each
    /// process costs a few field reads and, if it beats the weakest kept, one step of a min-heap of
    /// at most <paramref name="count"/> entries, so O(P log n) time and O(n) memory; only the winners
    /// are snapshotted. Figures are racy: each is read once, as the walk passes the process.
    /// </summary>
    public IReadOnlyList<ProcessInfo> Top(ProcessRanking by, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxTop);
        var heap = new PriorityQueue<Process, (long Rank, long Id)>(count + 1, TopOrder.Instance);
        foreach (var process in Table.Snapshot())
        {
            var key = (process.RankOf(by), process.Pid.Id);
            if (heap.Count < count)
            {
                heap.Enqueue(process, key);
            }
            else if (heap.TryPeek(out _, out var weakest) && TopOrder.Instance.Compare(key, weakest) > 0)
            {
                heap.DequeueEnqueue(process, key);
            }
        }

        var top = new ProcessInfo[heap.Count];
        for (var i = top.Length - 1; heap.TryDequeue(out var process, out _); i--)
        {
            top[i] = process.Snapshot();
        }

        return top;
    }

    /// <summary>The pids of every live local process.</summary>
    public IReadOnlyList<Pid> Processes() => [.. Table.Snapshot().Select(p => p.Pid)];
}
