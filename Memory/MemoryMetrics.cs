using System.Diagnostics.Metrics;

namespace DistSys.Memory;

/// <summary>
/// The module's meter (docs/metrics.md): the shared pool's slab bytes by state, read from its
/// statistics when a collector asks, so renting and returning count nothing extra.
/// </summary>
internal static class MemoryMetrics
{
    public const string MeterName = "DistSys.Memory";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly KeyValuePair<string, object?> s_inUse = new("state", "in_use");
    private static readonly KeyValuePair<string, object?> s_free = new("state", "free");

    /// <summary>Publishes the gauge of <paramref name="pool"/> (the shared pool, once) and returns it.</summary>
    public static BlockMemoryPool Observe(BlockMemoryPool pool)
    {
        s_meter.CreateObservableGauge("distsys.memory.pool", () => Measure(pool), "By",
            "Slab memory the shared block pool holds, by state: in_use (rented) or free (cached for the next rent)");
        return pool;
    }

    private static Measurement<long>[] Measure(BlockMemoryPool pool)
    {
        var statistics = pool.GetStatistics();
        return
        [
            new(statistics.BytesInUse, s_inUse),
            new(Math.Max(0, statistics.PoolBytes - statistics.BytesInUse), s_free),
        ];
    }
}
