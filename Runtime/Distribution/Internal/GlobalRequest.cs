using MessagePack;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>A request to the global name server on the master (built-in wire tag 10).</summary>
[MessagePackObject]
internal sealed record GlobalRequest([property: Key(0)] GlobalOp Op, [property: Key(1)] string Name, [property: Key(2)] Pid Pid);

/// <summary>What a <see cref="GlobalRequest"/> asks.</summary>
internal enum GlobalOp
{
    Register = 1,
    Unregister = 2,
    Whereis = 3,
}
