using DistSys.Runtime;
using MessagePack;

namespace DistSys.Jobs.Messages;

/// <summary>
/// Executor → scheduler: "I run tasks for node <see cref="Node"/>, at most <see cref="MaxTasks"/> at
/// once; the map outputs I write are served by <see cref="ShuffleServer"/>."
/// </summary>
[MessagePackObject]
public sealed record ExecutorHello([property: Key(0)] Pid Executor, [property: Key(1)] string Node, [property: Key(2)] int MaxTasks)
{
    [Key(3)]
    public Pid ShuffleServer { get; init; }
}
