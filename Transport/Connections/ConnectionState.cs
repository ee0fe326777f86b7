namespace DistSys.Transport.Connections;

/// <summary>Where a connection is in its life; kept so a timeout or error can say where it happened.</summary>
public enum ConnectionState
{
    /// <summary>Created (after the handshake, if any), loops not started; frames may already be queued.</summary>
    Created,

    /// <summary>Authenticated; frames flow both ways.</summary>
    Open,

    /// <summary>Shutdown was requested; loops are finishing.</summary>
    Closing,

    /// <summary>Both loops finished and the transport is released.</summary>
    Closed,
}
