namespace DistSys.Streams.Storage;

/// <summary>A topology as stored: its config's topology JSON is re-parsed when a restarted master resumes it. Times are Unix milliseconds.</summary>
internal sealed record StreamRow(long Seq, string Id, string Name, string Topology, StreamStatus Status, long CreatedAt, long? StoppedAt, string? Error);

/// <summary>A source's progress as stored: the offset every sink has acknowledged, the highest offset it had read, the events replayed so far.</summary>
internal readonly record struct SourceProgress(long Acked, long Emitted, long Replayed);

/// <summary>One page of a collect sink: its events, the offset of the first of them, the offset to read next, and the oldest offset still kept.</summary>
internal sealed record CollectedPage(IReadOnlyList<byte[]> Events, long From, long Next, long First);
