namespace DistSys.Transport.Framing;

/// <summary>What a frame carries. Zero is deliberately not a kind, so a zeroed header is rejected.</summary>
public enum FrameKind : byte
{
    /// <summary>Handshake, client to server: name, incarnation, capabilities, nonce.</summary>
    Hello = 1,

    /// <summary>Handshake, server to client: its identity, its nonce and its proof of the cookie.</summary>
    Challenge = 2,

    /// <summary>Handshake, client to server: the client's proof of the cookie.</summary>
    ChallengeResponse = 3,

    /// <summary>Handshake accepted.</summary>
    HandshakeAck = 4,

    /// <summary>Handshake refused with a coarse reason code.</summary>
    HandshakeRefused = 5,

    /// <summary>Keeps an idle connection alive.</summary>
    Heartbeat = 6,

    /// <summary>A user message: the payload is raw bytes or MessagePack, as <see cref="FrameFlags"/> says.</summary>
    Message = 7,

    /// <summary>Creates a link between two processes.</summary>
    Link = 8,

    /// <summary>Removes a link.</summary>
    Unlink = 9,

    /// <summary>Starts monitoring a process.</summary>
    Monitor = 10,

    /// <summary>Stops monitoring a process.</summary>
    Demonitor = 11,

    /// <summary>An exit signal travelling along a link.</summary>
    Exit = 12,

    /// <summary>A DOWN notification to a monitoring process.</summary>
    Down = 13,

    /// <summary>Asks the peer node to spawn a process.</summary>
    SpawnRequest = 14,

    /// <summary>Answers a spawn request with a pid or an error.</summary>
    SpawnReply = 15,

    /// <summary>A cluster membership update.</summary>
    Membership = 16,

    /// <summary>The sending node is leaving the cluster on purpose.</summary>
    NodeLeaving = 17,
}
