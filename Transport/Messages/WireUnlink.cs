using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>Removes the link between two processes. Layout: <c>from: pid | to: pid</c>.</summary>
public readonly struct WireUnlink : IWireMessage<WireUnlink>
{
    private readonly PidPair _pids;

    public WireUnlink(WirePid from, WirePid to) => _pids = new PidPair(from, to);

    private WireUnlink(PidPair pids) => _pids = pids;

    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.Unlink;

    /// <summary>The process the signal comes from.</summary>
    public WirePid From => _pids.From;

    /// <summary>The process the signal goes to.</summary>
    public WirePid To => _pids.To;

    /// <inheritdoc/>
    public int PayloadLength => _pids.Size;

    /// <inheritdoc/>
    public static WireUnlink Read(ref WireReader reader) => new(PidPair.Read(ref reader));

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer) => _pids.Write(ref writer);
}
