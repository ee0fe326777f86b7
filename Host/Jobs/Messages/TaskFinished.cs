using MessagePack;

namespace DistSys.Host.Jobs.Messages;

/// <summary>
/// Executor → scheduler: the attempt ended. <see cref="Output"/> is the partition's JSON result
/// when <see cref="Ok"/>, else the error. The scheduler accepts it only from the lease holder.
/// </summary>
[MessagePackObject]
public sealed record TaskFinished(
    [property: Key(0)] WirePid Executor,
    [property: Key(1)] string JobId,
    [property: Key(2)] int Index,
    [property: Key(3)] int Attempt,
    [property: Key(4)] bool Ok,
    [property: Key(5)] string Output);
