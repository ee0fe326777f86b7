using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>Third handshake frame, client to server: the client's proof of the cookie. Layout: <c>proof: 32 B</c>.</summary>
public readonly struct ChallengeResponse(Bytes32 proof) : IWireMessage<ChallengeResponse>
{
    public static FrameKind Kind => FrameKind.ChallengeResponse;

    public Bytes32 Proof { get; } = proof;

    public int PayloadLength => Bytes32.Size;

    public static ChallengeResponse Read(ref WireReader reader) => new(Bytes32.Read(ref reader));

    public void WritePayload(ref WireWriter writer) => Proof.Write(ref writer);
}
