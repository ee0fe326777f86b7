using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// Tells a watcher (the frame's target) that the monitored <see cref="Pid"/> is gone.
/// Layout: <c>ref: varint | pid | reason</c>.
/// </summary>
public readonly struct DownSignal(ulong monitorRef, WirePid pid, WireExitReason reason) : IWireMessage<DownSignal>
{
    public static FrameKind Kind => FrameKind.Down;

    public ulong Ref { get; } = monitorRef;

    public WirePid Pid { get; } = pid;

    public WireExitReason Reason { get; } = reason;

    public int PayloadLength => WireSize.VarUInt64(Ref) + Pid.Size + Reason.Size;

    public static DownSignal Read(ref WireReader reader) =>
        new(reader.ReadVarUInt64(), WirePid.Read(ref reader), WireExitReason.Read(ref reader));

    public void WritePayload(ref WireWriter writer)
    {
        writer.WriteVarUInt64(Ref);
        Pid.Write(ref writer);
        Reason.Write(ref writer);
    }
}
