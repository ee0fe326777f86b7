using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>Creates a link between two processes. Layout: <c>from: pid | to: pid</c>.</summary>
public readonly struct WireLink : IWireMessage<WireLink>
{
    private readonly PidPair _pids;

    public WireLink(WirePid from, WirePid to) => _pids = new PidPair(from, to);

    private WireLink(PidPair pids) => _pids = pids;

    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.Link;

    /// <summary>The process the signal comes from.</summary>
    public WirePid From => _pids.From;

    /// <summary>The process the signal goes to.</summary>
    public WirePid To => _pids.To;

    /// <inheritdoc/>
    public int PayloadLength => _pids.Size;

    /// <inheritdoc/>
    public static WireLink Read(ref WireReader reader) => new(PidPair.Read(ref reader));

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer) => _pids.Write(ref writer);
}
