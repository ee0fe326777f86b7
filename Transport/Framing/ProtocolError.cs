namespace DistSys.Transport.Framing;

/// <summary>Why a peer's bytes were rejected. Stable values: they are logged and counted.</summary>
public enum ProtocolError
{
    /// <summary>Bytes that do not follow the encoding (bad value, inconsistent lengths, trailing bytes).</summary>
    Malformed = 1,

    /// <summary>A declared frame length above the configured maximum.</summary>
    Oversize = 2,

    /// <summary>A frame kind this node does not know.</summary>
    UnknownKind = 3,

    /// <summary>A flag bit that is reserved.</summary>
    UnknownFlags = 4,

    /// <summary>A reserved field that is not zero.</summary>
    NonZeroReserved = 5,

    /// <summary>A protocol version this node does not speak.</summary>
    BadVersion = 6,

    /// <summary>A connection preamble that starts like ours but is not valid.</summary>
    BadPreamble = 7,

    /// <summary>A message body that ends before its last field.</summary>
    Truncated = 8,

    /// <summary>A varint longer than 10 bytes or above the range of its type.</summary>
    BadVarint = 9,

    /// <summary>A string longer than the configured maximum, or not valid UTF-8.</summary>
    BadString = 10,

    /// <summary>A list count above the configured maximum or beyond the bytes remaining.</summary>
    ListTooLong = 11,

    /// <summary>A frame that is valid on its own but not allowed in the connection's current state.</summary>
    UnexpectedFrame = 12,

    /// <summary>The peer failed the cookie challenge.</summary>
    AuthenticationFailed = 13,
}
