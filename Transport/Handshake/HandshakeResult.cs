namespace DistSys.Transport.Handshake;

/// <summary>The outcome of a handshake and, when accepted, who the peer is.</summary>
public readonly record struct HandshakeResult(HandshakeOutcome Outcome, PeerInfo? Peer)
{
    /// <summary>True when <see cref="Outcome"/> is <see cref="HandshakeOutcome.Accepted"/>.</summary>
    public bool IsAccepted => Outcome == HandshakeOutcome.Accepted;

    internal static HandshakeResult Fail(HandshakeOutcome outcome) => new(outcome, null);
}
