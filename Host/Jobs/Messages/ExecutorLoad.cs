using DistSys.Runtime;
using MessagePack;

namespace DistSys.Jobs.Messages;

/// <summary>
/// Executor → scheduler, periodically: its load and counters. Each one renews the leases of every
/// task the scheduler gave it; an executor that stops sending them loses its leases.
/// </summary>
[MessagePackObject]
public sealed record ExecutorLoad(
    [property: Key(0)] Pid Executor,
    [property: Key(1)] int Active,
    [property: Key(2)] long Completed,
    [property: Key(3)] long Failed);
