using DistSys.Streams.Topology;

namespace DistSys.Streams.Engine;

/// <summary>
/// Nodes that run in one process per instance: a source alone, or an operator followed by the nodes
/// fused into it by forward edges (operator chaining: same parallelism, its only consumer).
/// </summary>
internal sealed record Stage(int Index, IReadOnlyList<NodeSpec> Nodes)
{
    public NodeSpec First => Nodes[0];

    public NodeSpec Last => Nodes[^1];

    public int Parallelism => First.Parallelism;

    /// <summary>The stage's name in status: its nodes' ids, "a+b" for a chain.</summary>
    public string Name => string.Join("+", Nodes.Select(n => n.Id));

    public static List<Stage> Plan(TopologySpec topology)
    {
        var stages = new List<Stage>();
        var stageOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in topology.Nodes)
        {
            if (node.Input is { } input && node.Edge == EdgeKind.Forward && !topology[input].IsSource
                && topology.Consumers(input).Count() == 1)
            {
                var host = stageOf[input];
                stages[host] = stages[host] with { Nodes = [.. stages[host].Nodes, node] };
                stageOf[node.Id] = host;
                continue;
            }

            stageOf[node.Id] = stages.Count;
            stages.Add(new Stage(stages.Count, [node]));
        }

        return stages;
    }

    public IEnumerable<Stage> Consumers(IReadOnlyList<Stage> stages) => stages.Where(s => s.First.Input == Last.Id);
}
