namespace DistSys.Transport.Connections;

/// <summary>What the first bytes of an inbound connection say.</summary>
public enum SniffResult
{
    /// <summary>Not enough bytes yet to decide.</summary>
    NeedMoreBytes,

    /// <summary>The cluster preamble: hand the connection to the handshake.</summary>
    Cluster,

    /// <summary>Anything else (HTTP, TLS, garbage): hand it to the other handler, or close it.</summary>
    Other,
}
