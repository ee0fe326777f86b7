using MessagePack;

namespace DistSys.Jobs.Messages;

/// <summary>Scheduler → executor: stop this attempt (its job was cancelled or failed, or its lease was revoked); no result is wanted.</summary>
[MessagePackObject]
public sealed record CancelTask([property: Key(0)] string JobId, [property: Key(1)] int Index, [property: Key(2)] int Attempt);
