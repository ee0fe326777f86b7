using Microsoft.Extensions.Logging;

namespace DistSys.Supervision;

/// <summary>
/// What a supervisor runs: its strategy, its restart intensity (more than <see cref="Intensity"/>
/// restarts within <see cref="Period"/> and it gives up) and its children, started in order.
/// For <see cref="SupervisorStrategy.SimpleOneForOne"/>, <see cref="Children"/> holds exactly one
/// spec: the template every dynamic child is started from.
/// </summary>
public sealed record SupervisorSpec
{
    /// <summary>Which children restart together.</summary>
    public SupervisorStrategy Strategy { get; init; } = SupervisorStrategy.OneForOne;

    /// <summary>The most restarts allowed within <see cref="Period"/> (OTP's default, 1).</summary>
    public int Intensity { get; init; } = 1;

    /// <summary>The sliding window restarts are counted in (OTP's default, 5 s).</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The children in start order (or the one template).</summary>
    public IReadOnlyList<ChildSpec> Children { get; init; } = [];

    /// <summary>Delay restarts with exponential backoff; null (the default) restarts at once, as OTP.</summary>
    public RestartBackoff? Backoff { get; init; }

    /// <summary>The monotonic clock of the restart window; null reads the runtime's time provider.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Where restarts, give-ups and escalations are logged; null logs nothing.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Where they are counted; null counts into <see cref="SupervisionMetrics.Shared"/>.</summary>
    public SupervisionMetrics? Metrics { get; init; }

    /// <summary>Register the supervisor under this name.</summary>
    public string? Name { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Intensity, nameof(Intensity));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Period, TimeSpan.Zero, nameof(Period));
        ArgumentNullException.ThrowIfNull(Children);
        Backoff?.Validate();
        if (Strategy == SupervisorStrategy.SimpleOneForOne && Children.Count != 1)
        {
            throw new ArgumentException($"simple_one_for_one takes exactly one child spec (the template), not {Children.Count}", nameof(Children));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in Children)
        {
            ArgumentNullException.ThrowIfNull(child, nameof(Children));
            child.Validate();
            if (!ids.Add(child.Id))
            {
                throw new ArgumentException($"two children have the id '{child.Id}'", nameof(Children));
            }
        }
    }
}
