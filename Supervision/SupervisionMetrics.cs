namespace DistSys.Supervision;

/// <summary>
/// Counters of what supervisors did, for metrics. Thread-safe; every supervisor counts into the
/// <see cref="Shared"/> instance unless its spec names another one.
/// </summary>
public sealed class SupervisionMetrics
{
    private long _restarts;
    private long _startFailures;
    private long _giveUps;
    private long _escalations;

    /// <summary>The process-wide instance.</summary>
    public static SupervisionMetrics Shared { get; } = Internal.SupervisionMeter.Observe(new());

    /// <summary>Children restarted.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Child starts (first or restart) that failed.</summary>
    public long StartFailures => Interlocked.Read(ref _startFailures);

    /// <summary>Supervisors that exceeded their restart intensity and gave up.</summary>
    public long GiveUps => Interlocked.Read(ref _giveUps);

    /// <summary>Supervisors that exited with shutdown to hand the failure to their own supervisor.</summary>
    public long Escalations => Interlocked.Read(ref _escalations);

    internal void CountRestart() => Interlocked.Increment(ref _restarts);

    internal void CountStartFailure() => Interlocked.Increment(ref _startFailures);

    internal void CountGiveUp() => Interlocked.Increment(ref _giveUps);

    internal void CountEscalation() => Interlocked.Increment(ref _escalations);
}
