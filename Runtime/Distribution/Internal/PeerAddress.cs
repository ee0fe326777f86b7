namespace DistSys.Runtime.Distribution.Internal;

/// <summary>Where a peer listens for cluster connections and what it is; replaced whole, never edited.</summary>
internal sealed record PeerAddress(string Host, int Port, NodeRole Role)
{
    /// <summary>Not introduced yet: no address, assumed a worker.</summary>
    public static readonly PeerAddress Unknown = new("", 0, NodeRole.Worker);
}
