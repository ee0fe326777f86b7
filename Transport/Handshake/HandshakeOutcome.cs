namespace DistSys.Transport.Handshake;

/// <summary>How a handshake ended; every failure is a value, not an exception.</summary>
public enum HandshakeOutcome
{
    /// <summary>Both sides proved the cookie; the connection may carry frames.</summary>
    Accepted,

    /// <summary>The protocol versions have nothing in common.</summary>
    RefusedVersion,

    /// <summary>A proof did not verify: the cookies differ (or someone is guessing).</summary>
    RefusedAuth,

    /// <summary>The node name was unacceptable (empty, or our own name).</summary>
    RefusedName,

    /// <summary>The accepting node would not take more connections.</summary>
    RefusedBusy,

    /// <summary>The handshake did not finish within its timeout (slow or silent peer).</summary>
    Timeout,

    /// <summary>The peer sent something that is not this handshake (garbage, wrong frame, bad encoding).</summary>
    ProtocolError,

    /// <summary>The peer closed the connection before the handshake finished.</summary>
    PeerClosed,

    /// <summary>The TLS handshake failed: the peer's certificate does not chain to our CA, or it refused ours.</summary>
    RefusedTls,
}
