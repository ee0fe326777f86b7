namespace DistSys.Transport.Connections;

/// <summary>The single reason a connection closed; the first call to Shutdown wins.</summary>
public enum CloseReason
{
    /// <summary>Still open.</summary>
    None,

    /// <summary>This node asked for it (graceful: queued frames are still written).</summary>
    Local,

    /// <summary>The peer closed its side between frames.</summary>
    PeerClosed,

    /// <summary>The peer's stream ended in the middle of a frame (killed or cut off).</summary>
    Truncated,

    /// <summary>Nothing arrived within the idle timeout (no frames, no heartbeats).</summary>
    Timeout,

    /// <summary>The peer sent a malformed or oversize frame.</summary>
    ProtocolError,

    /// <summary>The socket or pipe failed underneath.</summary>
    TransportError,

    /// <summary>The frame handler threw; that is a bug in the layer above, and it costs this connection.</summary>
    HandlerError,
}
