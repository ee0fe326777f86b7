using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// First handshake frame, client to server.
/// Layout: <c>name: string | incarnation: u64 | capabilities: u64 | nonce: 32 B</c>.
/// </summary>
internal readonly struct Hello : IWireMessage<Hello>
{
    public Hello(string nodeName, ulong incarnation, ulong capabilities, Bytes32 nonce)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        NodeName = nodeName;
        Incarnation = incarnation;
        Capabilities = capabilities;
        Nonce = nonce;
    }

    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.Hello;

    /// <summary>The sending node's name.</summary>
    public string NodeName { get; }

    /// <summary>Identifies one run of the node: a restarted node has a new incarnation.</summary>
    public ulong Incarnation { get; }

    /// <summary>Feature bits the node supports.</summary>
    public ulong Capabilities { get; }

    /// <summary>32 random bytes, fresh for each handshake.</summary>
    public Bytes32 Nonce { get; }

    /// <inheritdoc/>
    public int PayloadLength => WireSize.Utf8String(NodeName) + (2 * sizeof(ulong)) + Bytes32.Size;

    /// <inheritdoc/>
    public static Hello Read(ref WireReader reader) =>
        new(reader.ReadString(), reader.ReadUInt64(), reader.ReadUInt64(), Bytes32.Read(ref reader));

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer)
    {
        writer.WriteString(NodeName);
        writer.WriteUInt64(Incarnation);
        writer.WriteUInt64(Capabilities);
        Nonce.Write(ref writer);
    }
}
