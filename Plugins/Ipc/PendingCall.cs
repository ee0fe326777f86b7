namespace DistSys.Plugins.Ipc;

/// <summary>One request in flight: completed by the reader thread, or failed when the instance dies.</summary>
internal sealed class PendingCall(long deadline, bool counted) : TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    /// <summary>Stopwatch timestamp when it was sent.</summary>
    public long Started { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Stopwatch timestamp after which the watchdog kills the instance.</summary>
    public long Deadline { get; } = deadline;

    /// <summary>False for health checks, which are not requests in the statistics.</summary>
    public bool Counted { get; } = counted;
}
