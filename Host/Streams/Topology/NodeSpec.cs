namespace DistSys.Streams.Topology;

/// <summary>
/// One node of a topology as parsed: its id, its input (null for a source), how many instances it
/// runs, the edge from its input, its key field (keyed aggregates and key edges) and what it does.
/// </summary>
internal sealed record NodeSpec(string Id, string? Input, int Parallelism, EdgeKind Edge, string? Key, NodeKindSpec Kind)
{
    public bool IsSource => Kind is SourceSpec;

    public bool IsSink => Kind is SinkSpec;
}
