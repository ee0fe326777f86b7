using DistSys.Runtime;
using DistSys.Streams.Events;

namespace DistSys.Streams.Engine;

// The messages between a topology's processes (docs/streaming.md, "Engine").

/// <summary>
/// A batch on an edge, for the receiver's input <paramref name="Input"/>, with the source offset every
/// event before it came from (its mark); <paramref name="Batch"/> is null for a mark alone. End: the
/// sender sends nothing more. Each one spends one of the sender's credits on that edge.
/// </summary>
internal sealed record StreamData(int Input, EventBatch? Batch, long Mark, bool End);

/// <summary>The receiver read one batch of the sender's output <paramref name="Output"/>: one credit back.</summary>
internal sealed record StreamCredit(int Output);

/// <summary>An edge's far end as its sender sees it: the receiving process and the input it is there.</summary>
internal readonly record struct EdgeTarget(Pid Process, int Input);

/// <summary>An input as its receiver sees it: the sending process and the output it is there.</summary>
internal readonly record struct EdgeSource(Pid Process, int Output);

/// <summary>
/// From the runner once every instance exists: where an instance sends (one array of targets per
/// consumer node, in the consumer's instance order) and whom it credits.
/// </summary>
internal sealed record Wire(EdgeTarget[][] Outputs, EdgeSource[] Inputs);

/// <summary>A sink instance has everything up to <paramref name="Mark"/> of its source (and, with End, all of it).</summary>
internal sealed record SinkMark(int Sink, long Mark, bool End);

/// <summary>To a source: stop taking new events, send what it has, then End.</summary>
internal sealed record Drain;

/// <summary>A timer or a wake-up (an http source's log was appended to).</summary>
internal sealed record Wake
{
    public static Wake Instance { get; } = new();
}
