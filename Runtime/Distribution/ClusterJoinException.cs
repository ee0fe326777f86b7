using DistSys.Transport.Handshake;

namespace DistSys.Runtime.Distribution;

/// <summary>Joining or connecting failed for a reason retrying will not heal (e.g. the cookie was rejected).</summary>
public sealed class ClusterJoinException(string message, HandshakeOutcome outcome) : Exception(message)
{
    /// <summary>How the handshake ended.</summary>
    public HandshakeOutcome Outcome { get; } = outcome;
}
