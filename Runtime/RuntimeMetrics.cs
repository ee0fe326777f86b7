using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DistSys.Runtime.Distribution;

namespace DistSys.Runtime;

/// <summary>
/// The module's meter (docs/metrics.md). Gauges and message counts are read from the live runtimes
/// and cluster nodes of this OS process when a collector asks: sending a message counts nothing
/// extra (each process already counts what it handled, the distribution layer what it sent). Only
/// node-down, a rare event, is a counter incremented where it happens.
/// </summary>
internal static class RuntimeMetrics
{
    public const string MeterName = "DistSys.Runtime";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly ConcurrentDictionary<ProcessRuntime, byte> s_runtimes = new();
    private static readonly ConcurrentDictionary<ClusterNode, byte> s_nodes = new();
    private static readonly KeyValuePair<string, object?> s_local = new("scope", "local");
    private static readonly KeyValuePair<string, object?> s_remote = new("scope", "remote");
    private static readonly KeyValuePair<string, object?>[] s_states =
        [.. Enum.GetValues<MemberState>().Select(state => new KeyValuePair<string, object?>("status", state.ToString().ToLowerInvariant()))];

    private static readonly Counter<long> s_nodeDown = s_meter.CreateCounter<long>("distsys.node.down", "{node}",
        "Members this node saw go, by reason: left, connection_lost, heartbeat_timeout, reported_by_master");


    static RuntimeMetrics()
    {
        s_meter.CreateObservableGauge("distsys.processes", () => s_runtimes.Keys.Sum(r => (long)r.ProcessCount), "{process}",
            "Processes alive on this node");
        s_meter.CreateObservableCounter("distsys.messages", Messages, "{message}",
            "Messages: scope=local handled by this node's processes (whoever sent them), scope=remote sent to processes on other nodes");
        s_meter.CreateObservableGauge("distsys.cluster.members", Members, "{node}",
            "Cluster members as this node sees them (itself included), by status");
    }

    public static void Register(ProcessRuntime runtime) => s_runtimes.TryAdd(runtime, 0);

    public static void Unregister(ProcessRuntime runtime) => s_runtimes.TryRemove(runtime, out _);

    public static void Register(ClusterNode node) => s_nodes.TryAdd(node, 0);

    public static void Unregister(ClusterNode node) => s_nodes.TryRemove(node, out _);

    public static void NodeDown(NodeDownReason reason) => s_nodeDown.Add(1, new KeyValuePair<string, object?>("reason", reason switch
    {
        NodeDownReason.Left => "left",
        NodeDownReason.ConnectionLost => "connection_lost",
        NodeDownReason.HeartbeatTimeout => "heartbeat_timeout",
        NodeDownReason.Partitioned => "partitioned",
        _ => "reported_by_master",
    }));

    private static Measurement<long>[] Messages() =>
    [
        new(s_runtimes.Keys.Sum(r => r.MessagesHandled), s_local),
        new(s_nodes.Keys.Sum(n => n.Counters.MessagesSent), s_remote),
    ];

    private static IEnumerable<Measurement<long>> Members()
    {
        var counts = new long[s_states.Length];
        var states = Enum.GetValues<MemberState>();
        foreach (var node in s_nodes.Keys)
        {
            foreach (var member in node.Members)
            {
                counts[Array.IndexOf(states, member.State)]++;
            }
        }

        for (var i = 0; i < counts.Length; i++)
        {
            yield return new(counts[i], s_states[i]);
        }
    }
}
