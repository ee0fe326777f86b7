using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// Second handshake frame, server to client: the server's identity, its nonce and its proof that it knows
/// the cookie. Layout: <c>name: string | incarnation: u64 | capabilities: u64 | nonce: 32 B | proof: 32 B</c>.
/// </summary>
public readonly struct Challenge : IWireMessage<Challenge>
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

    public static FrameKind Kind => FrameKind.Challenge;

    public string NodeName { get; }

    public ulong Incarnation { get; }

    public ulong Capabilities { get; }

    public Bytes32 Nonce { get; }

    public Bytes32 Proof { get; }

    public int PayloadLength => WireSize.Utf8String(NodeName) + (2 * sizeof(ulong)) + (2 * Bytes32.Size);

    public static Challenge Read(ref WireReader reader) =>
        new(reader.ReadString(), reader.ReadUInt64(), reader.ReadUInt64(), Bytes32.Read(ref reader), Bytes32.Read(ref reader));

    public void WritePayload(ref WireWriter writer)
    {
        writer.WriteString(NodeName);
        writer.WriteUInt64(Incarnation);
        writer.WriteUInt64(Capabilities);
        Nonce.Write(ref writer);
        Proof.Write(ref writer);
    }
}
