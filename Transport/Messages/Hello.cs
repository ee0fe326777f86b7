using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// First handshake frame, client to server.
/// Layout: <c>name: string | incarnation: u64 | capabilities: u64 | nonce: 32 B</c>.
/// </summary>
public readonly struct Hello : IWireMessage<Hello>
{
    public Hello(string nodeName, ulong incarnation, ulong capabilities, Bytes32 nonce)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        NodeName = nodeName;
        Incarnation = incarnation;
        Capabilities = capabilities;
        Nonce = nonce;
    }

    public static FrameKind Kind => FrameKind.Hello;

    public string NodeName { get; }

    public ulong Incarnation { get; }

    public ulong Capabilities { get; }

    public Bytes32 Nonce { get; }

    public int PayloadLength => WireSize.Utf8String(NodeName) + (2 * sizeof(ulong)) + Bytes32.Size;

    public static Hello Read(ref WireReader reader) =>
        new(reader.ReadString(), reader.ReadUInt64(), reader.ReadUInt64(), Bytes32.Read(ref reader));

    public void WritePayload(ref WireWriter writer)
    {
        writer.WriteString(NodeName);
        writer.WriteUInt64(Incarnation);
        writer.WriteUInt64(Capabilities);
        Nonce.Write(ref writer);
    }
}
