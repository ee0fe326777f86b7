using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>An exit signal from <see cref="From"/> to a linked <see cref="To"/>. Layout: <c>from: pid | to: pid | reason</c>.</summary>
public readonly struct WireExit(WirePid from, WirePid to, WireExitReason reason) : IWireMessage<WireExit>
{
    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.Exit;

    /// <summary>The process the signal comes from.</summary>
    public WirePid From { get; } = from;

    /// <summary>The process the signal goes to.</summary>
    public WirePid To { get; } = to;

    /// <summary>Why the sender exited.</summary>
    public WireExitReason Reason { get; } = reason;

    /// <inheritdoc/>
    public int PayloadLength => From.Size + To.Size + Reason.Size;

    /// <inheritdoc/>
    public static WireExit Read(ref WireReader reader) =>
        new(WirePid.Read(ref reader), WirePid.Read(ref reader), WireExitReason.Read(ref reader));

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer)
    {
        From.Write(ref writer);
        To.Write(ref writer);
        Reason.Write(ref writer);
    }
}
