using MessagePack;

namespace DistSys.Host.Jobs.Messages;

/// <summary>Executor → scheduler: "I run tasks for node <see cref="Node"/>, at most <see cref="MaxTasks"/> at once."</summary>
[MessagePackObject]
public sealed record ExecutorHello([property: Key(0)] WirePid Executor, [property: Key(1)] string Node, [property: Key(2)] int MaxTasks);
