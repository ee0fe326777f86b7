namespace DistSys.Transport.Messages;

/// <summary>Why a handshake was refused: deliberately coarse, so a refusal reveals nothing more.</summary>
internal enum RefusalReason : byte
{
    /// <summary>The protocol version is not supported.</summary>
    Version = 1,

    /// <summary>Authentication failed (wrong or missing cookie).</summary>
    Auth = 2,

    /// <summary>The node name is invalid or already connected.</summary>
    Name = 3,

    /// <summary>The node is not accepting connections now.</summary>
    Busy = 4,
}
