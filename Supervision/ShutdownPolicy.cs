namespace DistSys.Supervision;

/// <summary>
/// How a supervisor stops a child: kill at once (<see cref="BrutalKill"/>), ask with an exit
/// signal <c>shutdown</c> and kill after a timeout, or ask and wait as long as it takes
/// (<see cref="Infinity"/>, meant for child supervisors stopping their own subtree).
/// </summary>
public readonly record struct ShutdownPolicy
{
    private ShutdownPolicy(ShutdownKind kind, TimeSpan timeout)
    {
        Kind = kind;
        Timeout = timeout;
    }

    /// <summary>Kill the child unconditionally.</summary>
    public static ShutdownPolicy BrutalKill => new(ShutdownKind.BrutalKill, TimeSpan.Zero);

    /// <summary>Send shutdown and wait without limit.</summary>
    public static ShutdownPolicy Infinity => new(ShutdownKind.Infinity, System.Threading.Timeout.InfiniteTimeSpan);

    /// <summary>The default for workers: five seconds.</summary>
    public static ShutdownPolicy Default => After(TimeSpan.FromSeconds(5));

    /// <summary>Which of the three policies this is.</summary>
    public ShutdownKind Kind { get; }

    /// <summary>How long the child has to exit after shutdown, for <see cref="ShutdownKind.Timeout"/>.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Send shutdown, then kill after <paramref name="timeout"/>.</summary>
    public static ShutdownPolicy After(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return new(ShutdownKind.Timeout, timeout);
    }

    public override string ToString() => Kind switch
    {
        ShutdownKind.BrutalKill => "brutal_kill",
        ShutdownKind.Infinity => "infinity",
        _ => $"{Timeout.TotalMilliseconds} ms",
    };
}
