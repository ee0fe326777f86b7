namespace DistSys.Streams.Topology;

/// <summary>Carries a <see cref="TopologyError"/> out of the parser's nested reads; never leaves <see cref="TopologyParser"/>.</summary>
internal sealed class TopologyException(TopologyError error) : Exception(error.ToString())
{
    public TopologyError Error { get; } = error;
}
