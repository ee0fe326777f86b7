using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DistSys.Streams;

/// <summary>
/// The module's meter (docs/metrics.md), ready for the streaming engine to call: a source counts the
/// events it takes in and a sink the events it emits, in batches (one <see cref="CountIn"/> per batch,
/// no allocation: the tag is prebuilt), and each edge registers its buffer so the backlog gauge reads
/// it when a collector asks.
/// </summary>
internal static class StreamsMetrics
{
    public const string MeterName = "DistSys.Streams";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly ConcurrentDictionary<Backlog, byte> s_backlogs = new();
    private static readonly KeyValuePair<string, object?> s_in = new("stage", "in");
    private static readonly KeyValuePair<string, object?> s_out = new("stage", "out");

    private static readonly Counter<long> s_events = s_meter.CreateCounter<long>("distsys.stream.events", "{event}",
        "Stream events taken in by sources (stage=in) and emitted by sinks (stage=out)");

    private static readonly Counter<long> s_pluginFailures = s_meter.CreateCounter<long>("distsys.stream.plugin_failures", "{call}",
        "Calls of plugin:NAME operators on this node that failed (each replays its batch from the source)");

    static StreamsMetrics() =>
        s_meter.CreateObservableGauge("distsys.stream.backlog", () => s_backlogs.Keys.Sum(b => b.Read()), "{event}",
            "Events buffered on this node's stream edges, waiting for credit or for their operator");

    /// <summary><paramref name="events"/> entered a topology at a source.</summary>
    public static void CountIn(long events) => s_events.Add(events, s_in);

    /// <summary><paramref name="events"/> left a topology at a sink.</summary>
    public static void CountOut(long events) => s_events.Add(events, s_out);

    /// <summary>A plugin:NAME operator's call failed on this node.</summary>
    public static void CountPluginFailure() => s_pluginFailures.Add(1);

    /// <summary>Adds an edge's buffer length to the backlog gauge until the returned handle is disposed.</summary>
    public static IDisposable ObserveBacklog(Func<long> read)
    {
        var backlog = new Backlog(read);
        s_backlogs.TryAdd(backlog, 0);
        return backlog;
    }

    private sealed class Backlog(Func<long> read) : IDisposable
    {
        public long Read() => read();

        public void Dispose() => s_backlogs.TryRemove(this, out _);
    }
}
