using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>Last handshake frame on success, server to client. Empty payload.</summary>
internal readonly struct HandshakeAck : IWireMessage<HandshakeAck>
{
    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.HandshakeAck;

    /// <inheritdoc/>
    public int PayloadLength => 0;

    /// <inheritdoc/>
    public static HandshakeAck Read(ref WireReader reader) => default;

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer)
    {
        // Nothing to write: the frame itself is the acknowledgement.
    }
}
