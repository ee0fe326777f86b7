using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// Second handshake frame, server to client: the server's identity, its nonce and its proof that it knows
/// the cookie. Layout: <c>name: string | incarnation: u64 | capabilities: u64 | nonce: 32 B | proof: 32 B</c>.
/// </summary>
internal readonly struct Challenge : IWireMessage<Challenge>
{
    public Challenge(string nodeName, ulong incarnation, ulong capabilities, Bytes32 nonce, Bytes32 proof)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        NodeName = nodeName;
        Incarnation = incarnation;
        Capabilities = capabilities;
        Nonce = nonce;
        Proof = proof;
    }

    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.Challenge;

    /// <summary>The sending node's name.</summary>
    public string NodeName { get; }

    /// <summary>Identifies one run of the node: a restarted node has a new incarnation.</summary>
    public ulong Incarnation { get; }

    /// <summary>Feature bits the node supports.</summary>
    public ulong Capabilities { get; }

    /// <summary>32 random bytes, fresh for each handshake.</summary>
    public Bytes32 Nonce { get; }

    /// <summary>HMAC-SHA256 proof that the sender knows the cluster cookie.</summary>
    public Bytes32 Proof { get; }

    /// <inheritdoc/>
    public int PayloadLength => WireSize.Utf8String(NodeName) + (2 * sizeof(ulong)) + (2 * Bytes32.Size);

    /// <inheritdoc/>
    public static Challenge Read(ref WireReader reader) =>
        new(reader.ReadString(), reader.ReadUInt64(), reader.ReadUInt64(), Bytes32.Read(ref reader), Bytes32.Read(ref reader));

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer)
    {
        writer.WriteString(NodeName);
        writer.WriteUInt64(Incarnation);
        writer.WriteUInt64(Capabilities);
        Nonce.Write(ref writer);
        Proof.Write(ref writer);
    }
}
