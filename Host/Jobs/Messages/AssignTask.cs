using DistSys.Host.Jobs.Operations;
using MessagePack;

namespace DistSys.Host.Jobs.Messages;

/// <summary>Scheduler → executor: run this task under a lease.</summary>
[MessagePackObject]
public sealed record AssignTask([property: Key(0)] TaskInput Task);
