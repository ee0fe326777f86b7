using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>Third handshake frame, client to server: the client's proof of the cookie. Layout: <c>proof: 32 B</c>.</summary>
internal readonly struct ChallengeResponse(Bytes32 proof) : IWireMessage<ChallengeResponse>
{
    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.ChallengeResponse;

    /// <summary>HMAC-SHA256 proof that the sender knows the cluster cookie.</summary>
    public Bytes32 Proof { get; } = proof;

    /// <inheritdoc/>
    public int PayloadLength => Bytes32.Size;

    /// <inheritdoc/>
    public static ChallengeResponse Read(ref WireReader reader) => new(Bytes32.Read(ref reader));

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer) => Proof.Write(ref writer);
}
