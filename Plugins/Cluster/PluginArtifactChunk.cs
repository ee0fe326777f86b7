using MessagePack;

namespace DistSys.Plugins.Cluster;

/// <summary>
/// Master → a worker's plugin control process: one piece of a package, sent in order and each answered
/// (a <see cref="PluginNodeOutcome"/>) before the next, at most <see cref="MaxBytes"/> bytes each. The
/// worker checks the sha256 of the whole before it stores it.
/// </summary>
/// <param name="Sha256">The package's content address.</param>
/// <param name="Length">The package's total length (at most the store's 64 MiB).</param>
/// <param name="Offset">Where this piece starts; equal to the bytes received so far.</param>
/// <param name="Data">The bytes.</param>
[MessagePackObject]
internal sealed record PluginArtifactChunk(
    [property: Key(0)] string Sha256,
    [property: Key(1)] long Length,
    [property: Key(2)] long Offset,
    [property: Key(3)] byte[] Data)
{
    /// <summary>The largest piece: 1 MiB, far below a cluster frame's 16 MiB payload.</summary>
    public const int MaxBytes = 1 << 20;
}
