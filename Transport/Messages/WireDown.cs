using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// Tells a watcher (the frame's target) that the monitored <see cref="Pid"/> is gone.
/// Layout: <c>ref: varint | pid | reason</c>.
/// </summary>
public readonly struct WireDown(ulong monitorRef, WirePid pid, WireExitReason reason) : IWireMessage<WireDown>
{
    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.Down;

    /// <summary>The monitor reference, unique on the watcher's node.</summary>
    public ulong Ref { get; } = monitorRef;

    /// <summary>The process the message is about.</summary>
    public WirePid Pid { get; } = pid;

    /// <summary>Why the process went down.</summary>
    public WireExitReason Reason { get; } = reason;

    /// <inheritdoc/>
    public int PayloadLength => WireSize.VarUInt64(Ref) + Pid.Size + Reason.Size;

    /// <inheritdoc/>
    public static WireDown Read(ref WireReader reader) =>
        new(reader.ReadVarUInt64(), WirePid.Read(ref reader), WireExitReason.Read(ref reader));

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer)
    {
        writer.WriteVarUInt64(Ref);
        Pid.Write(ref writer);
        Reason.Write(ref writer);
    }
}
