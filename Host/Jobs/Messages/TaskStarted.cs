using DistSys.Runtime;
using MessagePack;

namespace DistSys.Jobs.Messages;

/// <summary>
/// Executor → scheduler: a task that waited for one of the executor's CPU slots has one now. Its
/// attempt's deadline (task_timeout_ms) runs from here, so tasks queued behind others on a busy,
/// live worker do not time out for the time they waited.
/// </summary>
[MessagePackObject]
public sealed record TaskStarted(
    [property: Key(0)] Pid Executor,
    [property: Key(1)] string JobId,
    [property: Key(2)] int Index,
    [property: Key(3)] int Attempt);
