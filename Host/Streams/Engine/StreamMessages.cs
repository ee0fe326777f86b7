using DistSys.Runtime;
using DistSys.Streams.Events;
using MessagePack;

namespace DistSys.Streams.Engine;

// The messages between a topology's processes (docs/streaming.md, "Engine"). Those that cross nodes are
// MessagePack contracts registered by StreamWire.

/// <summary>
/// A batch on an edge, for the receiver's input <paramref name="Input"/>, with the source offset every
/// event before it came from (its mark); <paramref name="Batch"/> is null for a mark alone. End: the
/// sender sends nothing more. Each one spends one of the sender's credits on that edge.
/// </summary>
[MessagePackObject]
internal sealed record StreamData([property: Key(0)] int Input, [property: Key(1)] EventBatch? Batch, [property: Key(2)] long Mark, [property: Key(3)] bool End);

/// <summary>The receiver read one batch of the sender's output <paramref name="Output"/>: one credit back.</summary>
[MessagePackObject]
internal sealed record StreamCredit([property: Key(0)] int Output);

/// <summary>An edge's far end as its sender sees it: the receiving process and the input it is there.</summary>
[MessagePackObject]
internal readonly record struct EdgeTarget([property: Key(0)] Pid Process, [property: Key(1)] int Input);

/// <summary>An input as its receiver sees it: the sending process and the output it is there.</summary>
[MessagePackObject]
internal readonly record struct EdgeSource([property: Key(0)] Pid Process, [property: Key(1)] int Output);

/// <summary>
/// From the runner once every instance exists: where an instance sends (one array of targets per
/// consumer node, in the consumer's instance order) and whom it credits.
/// </summary>
[MessagePackObject]
internal sealed record Wire([property: Key(0)] EdgeTarget[][] Outputs, [property: Key(1)] EdgeSource[] Inputs);

/// <summary>A sink instance has everything up to <paramref name="Mark"/> of its source (and, with End, all of it).</summary>
internal sealed record SinkMark(int Sink, long Mark, bool End);

/// <summary>To a source: stop taking new events, send what it has, then End.</summary>
[MessagePackObject]
internal sealed record Drain;

/// <summary>
/// From an instance on another node to its runner, after each batch it handled: its counters, which the
/// runner copies into the status it shows (an instance on the master shares its counters instead).
/// </summary>
[MessagePackObject]
internal sealed record InstanceReport(
    [property: Key(0)] Pid From,
    [property: Key(1)] long EventsIn,
    [property: Key(2)] long EventsOut,
    [property: Key(3)] int Backlog,
    [property: Key(4)] long Mark);

/// <summary>A timer or a wake-up (an http source's log was appended to).</summary>
internal sealed record Wake
{
    public static Wake Instance { get; } = new();
}
