using MessagePack;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// A worker's report to the master (a node-level request, built-in wire tag 12): it cannot reach the worker
/// <see cref="Name"/> (that incarnation), which the master's view still lists up. The answer is a bool: the
/// master downed one of the pair.
/// </summary>
[MessagePackObject]
internal sealed record PeerUnreachable([property: Key(0)] string Name, [property: Key(1)] int Incarnation);
