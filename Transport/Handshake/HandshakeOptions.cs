using DistSys.Transport.Framing;
using DistSys.Transport.Security;

namespace DistSys.Transport.Handshake;

/// <summary>Who this node is and what it accepts, for both sides of the handshake.</summary>
public sealed class HandshakeOptions
{
    /// <summary>Creates options for the node <paramref name="nodeName"/> holding <paramref name="cookie"/>.</summary>
    public HandshakeOptions(string nodeName, ulong incarnation, ClusterCookie cookie)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeName);
        ArgumentNullException.ThrowIfNull(cookie);
        NodeName = nodeName;
        Incarnation = incarnation;
        Cookie = cookie;
    }

    /// <summary>This node's name.</summary>
    public string NodeName { get; }

    /// <summary>This node's incarnation.</summary>
    public ulong Incarnation { get; }

    /// <summary>The cluster cookie.</summary>
    public ClusterCookie Cookie { get; }

    /// <summary>Capability bits this node offers; the connection uses the intersection with the peer's.</summary>
    public ulong Capabilities { get; init; }

    /// <summary>The version this node speaks (written in its preamble).</summary>
    public ushort Version { get; init; } = ConnectionPreamble.CurrentVersion;

    /// <summary>The oldest peer version this node accepts.</summary>
    public ushort MinVersion { get; init; } = ConnectionPreamble.CurrentVersion;

    /// <summary>Bounds for decoding the handshake messages.</summary>
    public TransportLimits Limits { get; init; } = TransportLimits.Default;

    /// <summary>Largest handshake frame payload accepted: names are short, so this is small.</summary>
    internal int MaxHandshakePayload => Limits.MaxStringBytes + 256;

    internal bool Accepts(ushort version) => version >= MinVersion && version <= Version;
}
