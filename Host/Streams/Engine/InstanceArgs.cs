using DistSys.Runtime;
using MessagePack;

namespace DistSys.Streams.Engine;

/// <summary>
/// What one instance is, as its runner describes it: the topology (its JSON, so a worker plans the same
/// stages), which stage and instance, whom it reports to, its sink index, the source offset to start
/// from, and the edge settings. The arguments of the remote spawn of <see cref="StreamWire.InstanceBehaviour"/>.
/// </summary>
[MessagePackObject]
internal sealed record InstanceArgs(
    [property: Key(0)] string Job,
    [property: Key(1)] string TopologyJson,
    [property: Key(2)] int Stage,
    [property: Key(3)] int Instance,
    [property: Key(4)] Pid Runner,
    [property: Key(5)] int Sink,
    [property: Key(6)] long Acked,
    [property: Key(7)] int Credits,
    [property: Key(8)] int BatchEvents);
