using DistSys.Transport.Messages;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>The one mapping between the runtime's <see cref="NodeRole"/> and the wire's <see cref="MemberRole"/> (same values).</summary>
internal static class NodeRoles
{
    public static NodeRole FromWire(MemberRole role) => role == MemberRole.Master ? NodeRole.Master : NodeRole.Worker;

    public static MemberRole ToWire(NodeRole role) => role == NodeRole.Master ? MemberRole.Master : MemberRole.Worker;
}
