using DistSys.Transport.Connections;
using DistSys.Transport.Framing;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>The transport's inbound seam, kept off <see cref="ClusterNode"/>'s public surface.</summary>
internal sealed class NodeFrameHandler(ClusterNode node) : IFrameHandler
{
    public void OnFrame(in Frame frame, Connection connection) => node.OnFrame(frame, connection);

    public void OnClosed(Connection connection, CloseReason reason) => node.OnConnectionClosed(connection, reason);
}
