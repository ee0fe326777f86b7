namespace DistSys.Streams.Storage;

/// <summary>What an append to a source log did: the offsets it took, or that the log was full (nothing written).</summary>
internal readonly record struct AppendResult(bool Full, long Start, long End);
