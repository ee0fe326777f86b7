using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>Last handshake frame on failure. Layout: <c>reason: u8</c> (a <see cref="RefusalReason"/>).</summary>
internal readonly struct HandshakeRefused(RefusalReason reason) : IWireMessage<HandshakeRefused>
{
    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.HandshakeRefused;

    /// <summary>Why the handshake was refused.</summary>
    public RefusalReason Reason { get; } = reason;

    /// <inheritdoc/>
    public int PayloadLength => 1;

    /// <inheritdoc/>
    public static HandshakeRefused Read(ref WireReader reader)
    {
        var reason = (RefusalReason)reader.ReadByte();
        if (reason is < RefusalReason.Version or > RefusalReason.Busy)
        {
            WireThrow.Malformed($"unknown refusal reason {(byte)reason}");
        }

        return new HandshakeRefused(reason);
    }

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer) => writer.WriteByte((byte)Reason);
}
