namespace DistSys.Streams.Topology;

/// <summary>The checks across nodes: unique ids, inputs that exist, no cycles, edges that fit.</summary>
internal static partial class TopologyParser
{
    private static TopologySpec Validate(List<(NodeSpec Node, string Field)> parsed)
    {
        var byId = new Dictionary<string, (NodeSpec Node, string Field)>(StringComparer.Ordinal);
        foreach (var entry in parsed)
        {
            if (!byId.TryAdd(entry.Node.Id, entry))
            {
                Fail($"{entry.Field}.id", $"node '{entry.Node.Id}': duplicate id");
            }
        }

        foreach (var (node, field) in parsed)
        {
            if (node.Input is not { } input)
            {
                continue;
            }

            if (!byId.TryGetValue(input, out var upstream))
            {
                Fail($"{field}.input", $"node '{node.Id}': no node has the id '{Clip(input)}'");
            }

            if (upstream.Node.IsSink)
            {
                Fail($"{field}.input", $"node '{node.Id}': its input '{input}' is a sink, which emits nothing");
            }

            if (node.Edge == EdgeKind.Forward && upstream.Node.Parallelism != node.Parallelism)
            {
                Fail($"{field}.edge", $"node '{node.Id}': a forward edge needs the parallelism of its input ({upstream.Node.Parallelism}), not {node.Parallelism}");
            }
        }

        var ordered = Order(parsed);
        foreach (var (node, field) in parsed)
        {
            if (!node.IsSink && !parsed.Any(p => p.Node.Input == node.Id))
            {
                Fail($"{field}.id", $"node '{node.Id}': nothing takes its events; every path must end in a sink");
            }
        }

        return new TopologySpec(ordered);
    }

    // Sources first, then each node after its input; a node never reached is on a cycle.
    private static List<NodeSpec> Order(List<(NodeSpec Node, string Field)> parsed)
    {
        var ordered = new List<NodeSpec>(parsed.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var frontier = new Queue<NodeSpec>(parsed.Where(p => p.Node.IsSource).Select(p => p.Node));
        while (frontier.TryDequeue(out var node))
        {
            ordered.Add(node);
            placed.Add(node.Id);
            foreach (var (consumer, _) in parsed.Where(p => p.Node.Input == node.Id))
            {
                frontier.Enqueue(consumer);
            }
        }

        if (ordered.Count == 0)
        {
            Fail($"{Root}.nodes", "no source: a topology needs a node with \"source\"");
        }

        if (parsed.FirstOrDefault(p => !placed.Contains(p.Node.Id)) is { Node: not null } cyclic)
        {
            Fail($"{cyclic.Field}.input", $"node '{cyclic.Node.Id}': its inputs form a cycle that reaches no source");
        }

        return ordered;
    }

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
