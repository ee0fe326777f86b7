namespace DistSys.Transport.Connections;

/// <summary>The outcome of a non-blocking send: expected failures are values, not exceptions.</summary>
public enum SendResult
{
    /// <summary>Queued; it will be written in order.</summary>
    Queued,

    /// <summary>The outbound buffer is full because the peer reads slower than we write; try later or await SendAsync.</summary>
    Full,

    /// <summary>The connection is closing or closed; the frame was dropped.</summary>
    Closed,

    /// <summary>The payload exceeds the configured maximum frame payload.</summary>
    TooLarge,
}
