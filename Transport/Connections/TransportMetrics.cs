using System.Diagnostics.Metrics;
using DistSys.Transport.Framing;

namespace DistSys.Transport.Connections;

/// <summary>
/// The module's meter (docs/metrics.md): bytes and frames of the shared <see cref="TransportCounters"/>,
/// observed when a collector asks. Connections fold their counts in once per read batch and per flush,
/// so the per-frame path gains no atomic operation.
/// </summary>
internal static class TransportMetrics
{
    public const string MeterName = "DistSys.Transport";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly KeyValuePair<string, object?> s_in = new("direction", "in");
    private static readonly KeyValuePair<string, object?> s_out = new("direction", "out");

    // "kind" label values, built once: frame kinds as the protocol document names them.
    private static readonly KeyValuePair<string, object?>[] s_kinds = [.. Enumerable.Range(0, TransportCounters.FrameKinds)
        .Select(kind => new KeyValuePair<string, object?>("kind", Enum.IsDefined((FrameKind)kind) ? Snake(((FrameKind)kind).ToString()) : null))];

    /// <summary>Publishes the instruments over <paramref name="counters"/> (the shared ones, once) and returns them.</summary>
    public static TransportCounters Observe(TransportCounters counters)
    {
        s_meter.CreateObservableCounter("distsys.transport.bytes", () => (Measurement<long>[])
            [new(counters.BytesReceived, s_in), new(counters.BytesSent, s_out)], "By",
            "Cluster-protocol bytes through this node's connections, by direction");
        s_meter.CreateObservableCounter("distsys.transport.frames", () => Frames(counters), "{frame}",
            "Cluster-protocol frames received on this node's connections, by kind");
        return counters;
    }

    private static IEnumerable<Measurement<long>> Frames(TransportCounters counters)
    {
        for (var kind = 0; kind < s_kinds.Length; kind++)
        {
            if (s_kinds[kind].Value is not null)
            {
                yield return new(counters.FramesReceived((FrameKind)kind), s_kinds[kind]);
            }
        }
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
