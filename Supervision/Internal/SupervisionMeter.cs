using System.Diagnostics.Metrics;

namespace DistSys.Supervision.Internal;

/// <summary>
/// The module's meter (docs/metrics.md) over the shared <see cref="SupervisionMetrics"/>: its counts
/// are read when a collector asks, so a restart costs one atomic increment as before.
/// </summary>
internal static class SupervisionMeter
{
    public const string MeterName = "DistSys.Supervision";

    private static readonly Meter s_meter = new(MeterName);

    /// <summary>Publishes the instruments over <paramref name="metrics"/> (the shared instance, once) and returns it.</summary>
    public static SupervisionMetrics Observe(SupervisionMetrics metrics)
    {
        s_meter.CreateObservableCounter("distsys.supervisor.restarts", () => metrics.Restarts, "{restart}",
            "Children restarted by supervisors on this node");
        s_meter.CreateObservableCounter("distsys.supervisor.give_ups", () => metrics.GiveUps, "{supervisor}",
            "Supervisors that exceeded their restart intensity and gave up");
        return metrics;
    }
}
