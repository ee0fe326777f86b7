using DistSys.Transport.Framing;

namespace DistSys.Transport.Connections;

/// <summary>
/// The narrow seam between transport and protocol (Garnet's message-consumer shape): the connection
/// parses frames and hands each one here; the runtime decides what it means.
/// </summary>
public interface IFrameHandler
{
    /// <summary>
    /// Called on the connection's read loop for every frame except heartbeats, in arrival order.
    /// <paramref name="frame"/>'s payload points into the receive buffer and is valid only during the
    /// call: copy or decode it before returning. Throwing closes the connection with
    /// <see cref="CloseReason.HandlerError"/>.
    /// </summary>
    void OnFrame(in Frame frame, Connection connection);

    /// <summary>Called once, after the connection has closed and released its transport.</summary>
    void OnClosed(Connection connection, CloseReason reason);
}
