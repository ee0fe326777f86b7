namespace DistSys.Transport.Connections;

/// <summary>
/// Exponential backoff with "full jitter" for reconnects: attempt n waits a uniformly random time in
/// [Initial·2ⁿ/2, Initial·2ⁿ], capped at Max. The jitter spreads a cluster's reconnects after a
/// partition heals instead of having every node knock at once.
/// </summary>
public sealed class BackoffPolicy
{
    private readonly Random _random;

    /// <summary>Creates a policy; pass a seeded <see cref="Random"/> for a reproducible schedule.</summary>
    public BackoffPolicy(TimeSpan initial, TimeSpan max, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        Initial = initial;
        Max = max;
        _random = random ?? Random.Shared;
    }

    /// <summary>The base delay before the first retry.</summary>
    public TimeSpan Initial { get; }

    /// <summary>No delay ever exceeds this.</summary>
    public TimeSpan Max { get; }

    /// <summary>The default: 100 ms doubling up to 10 s.</summary>
    public static BackoffPolicy Default { get; } = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));

    /// <summary>The delay before retry number <paramref name="attempt"/> (0-based).</summary>
    public TimeSpan DelayFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var ceiling = CeilingFor(attempt);
        var half = ceiling / 2;
        lock (_random)
        {
            // Random is not thread-safe; reconnects are rare, so a lock here costs nothing.
            return half + ((ceiling - half) * _random.NextDouble());
        }
    }

    /// <summary>The upper bound of <see cref="DelayFor"/> for an attempt (no jitter).</summary>
    public TimeSpan CeilingFor(int attempt)
    {
        // Past 2^30 the cap has long been reached; clamping the exponent avoids overflow.
        var factor = Math.Pow(2, Math.Min(attempt, 30));
        var ticks = Initial.Ticks * factor;
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }
}
