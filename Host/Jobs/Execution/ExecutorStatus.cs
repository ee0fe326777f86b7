using System.Collections.Concurrent;

namespace DistSys.Jobs.Execution;

/// <summary>
/// A worker's live status for <c>GET /api/status</c>: written by its executor, read by the HTTP
/// endpoint on other threads, so every member is safe to read at any time.
/// </summary>
internal sealed class ExecutorStatus
{
    private long _completed;
    private long _failed;
    private long _cancelled;

    public ConcurrentDictionary<(string JobId, int Index), (int Attempt, long StartedAt)> Active { get; } = new();

    private volatile string _state = "starting";

    /// <summary>starting, connecting (looking for the scheduler), or connected.</summary>
    public string State
    {
        get => _state;
        set => _state = value;
    }

    public int MaxTasks { get; set; }

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    public long Cancelled => Interlocked.Read(ref _cancelled);

    public void CountCompleted() => Interlocked.Increment(ref _completed);

    public void CountFailed() => Interlocked.Increment(ref _failed);

    public void CountCancelled() => Interlocked.Increment(ref _cancelled);
}
