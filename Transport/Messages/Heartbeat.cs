using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>Sent on an idle connection so the peer's idle timeout does not fire. Empty payload.</summary>
internal readonly struct Heartbeat : IWireMessage<Heartbeat>
{
    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.Heartbeat;

    /// <inheritdoc/>
    public int PayloadLength => 0;

    /// <inheritdoc/>
    public static Heartbeat Read(ref WireReader reader) => default;

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer)
    {
        // Nothing to write: the frame's arrival is the signal.
    }
}
