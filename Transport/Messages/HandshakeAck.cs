using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>Last handshake frame on success, server to client. Empty payload.</summary>
public readonly struct HandshakeAck : IWireMessage<HandshakeAck>
{
    public static FrameKind Kind => FrameKind.HandshakeAck;

    public int PayloadLength => 0;

    public static HandshakeAck Read(ref WireReader reader) => default;

    public void WritePayload(ref WireWriter writer)
    {
        // Nothing to write: the frame itself is the acknowledgement.
    }
}
