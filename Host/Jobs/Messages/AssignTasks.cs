using DistSys.Jobs.Operations;
using MessagePack;

namespace DistSys.Jobs.Messages;

/// <summary>
/// Scheduler → executor: run these tasks, each under its lease. The scheduler sends what one of
/// its turns gave this worker as one message, so a busy cluster moves tasks in batches that size
/// themselves: a batch of results frees as many slots, which the next batch fills.
/// </summary>
[MessagePackObject]
public sealed record AssignTasks([property: Key(0)] TaskInput[] Tasks);
