namespace DistSys.Transport.Framing;

/// <summary>What the first bytes of an inbound connection say about it.</summary>
internal enum PreambleMatch
{
    /// <summary>Not enough bytes yet to decide.</summary>
    NeedMoreBytes = 0,

    /// <summary>The cluster protocol: a full, valid preamble is present.</summary>
    Cluster = 1,

    /// <summary>Something else (e.g. HTTP): hand the connection to another handler.</summary>
    Foreign = 2,
}
