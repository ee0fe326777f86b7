namespace DistSys.Streams.Topology;

/// <summary>
/// A validated topology: nodes in an order where every node comes after its input, each with one
/// input, so the graph is a forest rooted at its sources.
/// </summary>
internal sealed record TopologySpec(IReadOnlyList<NodeSpec> Nodes)
{
    public const int MaxNodes = 64;
    public const int MaxParallelism = 64;

    public NodeSpec this[string id] => Nodes.First(n => n.Id == id);

    public IEnumerable<NodeSpec> Consumers(string id) => Nodes.Where(n => n.Input == id);

    /// <summary>The source a node's events come from (itself for a source).</summary>
    public NodeSpec SourceOf(NodeSpec node)
    {
        while (node.Input is { } input)
        {
            node = this[input];
        }

        return node;
    }
}
