using System.Runtime.InteropServices;

namespace DistSys.Transport.Connections.Internal;

/// <summary>A long alone on its cache line, so producers hammering the tail do not slow the consumer's head.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)]
    public long Value;
}
