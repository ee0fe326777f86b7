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
    private long _localSlices;
    private long _remoteSlices;

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

    /// <summary>File slices this worker read from its own input root.</summary>
    public long LocalSlices => Interlocked.Read(ref _localSlices);

    /// <summary>File slices the master served to this worker (it does not see the file).</summary>
    public long RemoteSlices => Interlocked.Read(ref _remoteSlices);

    public void CountSlice(bool local) => Interlocked.Increment(ref local ? ref _localSlices : ref _remoteSlices);

    public void CountCompleted() => Interlocked.Increment(ref _completed);

    public void CountFailed() => Interlocked.Increment(ref _failed);

    public void CountCancelled() => Interlocked.Increment(ref _cancelled);
}
