using DistSys.Transport.Framing;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>Runtime pids and the wire's: a node's name, local id and incarnation.</summary>
internal static class WirePids
{
    public static WirePid Of(string node, Pid pid) => new(node, (ulong)pid.Id, (uint)pid.Incarnation);

    /// <summary>A pid on the sending node: a peer may speak only for its own processes.</summary>
    public static Pid FromPeer(Peer peer, WirePid pid)
    {
        if (pid.Node != peer.Name)
        {
            ProtocolException.Throw(ProtocolError.Malformed, $"{peer.Name} sent a signal on behalf of node '{pid.Node}'");
        }

        return new Pid(peer.NodeId, (int)(uint)pid.Incarnation, (long)pid.Id);
    }
}
