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
    internal long MessagesHandled
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

    /// <summary>The pids of every live local process.</summary>
    public IReadOnlyList<Pid> Processes() => [.. Table.Snapshot().Select(p => p.Pid)];
}
