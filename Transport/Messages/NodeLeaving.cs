using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// Announces that a node (the sender, or one it relays for) is leaving on purpose, so peers do not treat
/// the coming disconnect as a failure. Layout: <c>node: string | incarnation: u64 | reason</c>.
/// </summary>
public readonly struct NodeLeaving : IWireMessage<NodeLeaving>
{
    public NodeLeaving(string node, ulong incarnation, WireExitReason reason)
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node;
        Incarnation = incarnation;
        Reason = reason;
    }

    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.NodeLeaving;

    /// <summary>The node's name.</summary>
    public string Node { get; }

    /// <summary>Identifies one run of the node: a restarted node has a new incarnation.</summary>
    public ulong Incarnation { get; }

    /// <summary>Why the node leaves.</summary>
    public WireExitReason Reason { get; }

    /// <inheritdoc/>
    public int PayloadLength => WireSize.Utf8String(Node) + sizeof(ulong) + Reason.Size;

    /// <inheritdoc/>
    public static NodeLeaving Read(ref WireReader reader) =>
        new(reader.ReadString(), reader.ReadUInt64(), WireExitReason.Read(ref reader));

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer)
    {
        writer.WriteString(Node);
        writer.WriteUInt64(Incarnation);
        Reason.Write(ref writer);
    }
}
