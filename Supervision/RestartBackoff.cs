namespace DistSys.Supervision;

/// <summary>
/// Optional delay before a restart, beyond OTP: <see cref="Initial"/> doubled for each further
/// restart of the same child inside the supervisor's period, capped at <see cref="Max"/>, then
/// spread by ± <see cref="Jitter"/> so siblings do not restart in lockstep.
/// </summary>
public sealed record RestartBackoff
{
    /// <summary>The delay before the first restart.</summary>
    public TimeSpan Initial { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The largest delay.</summary>
    public TimeSpan Max { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The fraction (0 to 1) by which a delay is randomly lengthened or shortened.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>The delay before restart number <paramref name="attempt"/> (1-based) of one child.</summary>
    public TimeSpan DelayFor(int attempt, double random)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 30);
        var baseTicks = Math.Min(Initial.Ticks * (double)(1L << doublings), Max.Ticks);
        var spread = 1 + (Jitter * ((2 * random) - 1));
        return TimeSpan.FromTicks((long)Math.Clamp(baseTicks * spread, 0, Max.Ticks));
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Initial, TimeSpan.Zero, nameof(Initial));
        ArgumentOutOfRangeException.ThrowIfLessThan(Max, Initial, nameof(Max));
        ArgumentOutOfRangeException.ThrowIfLessThan(Jitter, 0, nameof(Jitter));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Jitter, 1, nameof(Jitter));
    }
}
