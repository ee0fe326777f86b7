namespace DistSys.Streams.Topology;

/// <summary>Why a topology was refused: the field (a JSON path such as <c>config.topology.nodes[1].input</c>) and what is wrong, naming the node.</summary>
internal sealed record TopologyError(string Field, string Detail)
{
    public override string ToString() => $"{Field}: {Detail}";
}
