namespace DistSys.Streams.Topology;

/// <summary>How the events of a node's input are spread over the node's instances.</summary>
internal enum EdgeKind
{
    /// <summary>Each batch to the next instance in turn.</summary>
    RoundRobin,

    /// <summary>By a hash of the receiving node's key field, so equal keys meet in one instance.</summary>
    Key,

    /// <summary>Every event to every instance.</summary>
    Broadcast,

    /// <summary>Instance i to instance i, run in the same process as its input (operator chaining).</summary>
    Forward,
}
