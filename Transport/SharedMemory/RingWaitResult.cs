namespace DistSys.Transport.SharedMemory;

/// <summary>How a wait on a ring ended. Expected outcomes are values, not exceptions.</summary>
public enum RingWaitResult
{
    /// <summary>A record can be read, or the requested space can be written.</summary>
    Ready = 0,

    /// <summary>The timeout passed first; the caller decides whether the peer is still alive.</summary>
    TimedOut = 1,

    /// <summary>The other side closed the channel (and, for a reader, every record it sent has been read).</summary>
    PeerClosed = 2,
}
