using DistSys.Streams.Operators;

namespace DistSys.Streams.Topology;

// What a node does: one record per kind (docs/streaming.md, "Nodes"). The parser builds them; the
// engine turns operators into Operator instances and sources and sinks into their processes.

/// <summary>What a node does.</summary>
internal abstract record NodeKindSpec(string Name);

/// <summary>A node that produces events (no input).</summary>
internal abstract record SourceSpec(string Name) : NodeKindSpec(Name);

/// <summary>A node that takes events out of the topology (no consumers).</summary>
internal abstract record SinkSpec(string Name) : NodeKindSpec(Name);

/// <summary>Events POSTed to /api/streams/{job}/sources/{id}, through the master's durable log.</summary>
internal sealed record HttpSourceSpec() : SourceSpec("http");

/// <summary>Synthetic events {"seq", "key", "amount", "pad"}: deterministic by seed; rate 0 is as fast as credit allows; count 0 is endless.</summary>
internal sealed record GeneratorSourceSpec(long Rate, long Count, int Keys, long Seed, int EventBytes) : SourceSpec("generator");

/// <summary>An NDJSON file under the input root (a full path, resolved by the parser).</summary>
internal sealed record FileSourceSpec(string Path, bool Follow) : SourceSpec("file");

/// <summary>Kept in the master's store, read by offset, the newest Retention events kept.</summary>
internal sealed record CollectSinkSpec(long Retention) : SinkSpec("collect");

/// <summary>NDJSON parts under the job's output directory, one per instance.</summary>
internal sealed record FileSinkSpec() : SinkSpec("file");

/// <summary>Each event to the node's log, at Information.</summary>
internal sealed record LogSinkSpec() : SinkSpec("log");

/// <summary>Keeps the events its predicate holds for.</summary>
internal sealed record FilterSpec(Predicate Where) : NodeKindSpec("filter");

/// <summary>Keeps the selected fields (all when null), renames, then sets constants (raw JSON values).</summary>
internal sealed record MapSpec(IReadOnlyList<string>? Select, IReadOnlyDictionary<string, string> Rename, IReadOnlyDictionary<string, string> Set)
    : NodeKindSpec("map");

/// <summary>One event per element of an array field, the field replaced by the element.</summary>
internal sealed record FlatMapSpec(string Field) : NodeKindSpec("flat_map");

/// <summary>A running count, sum, min or max per key (of Field, but for count), emitted when it changes.</summary>
internal sealed record AggregateSpec(AggregateKind Aggregate, string? Field) : NodeKindSpec(Aggregate.Name());

/// <summary>Each batch through operation Operation (its first when null) of the sandboxed plugin Plugin, and its answer on.</summary>
internal sealed record PluginOpSpec(string Plugin, string? Operation) : NodeKindSpec("plugin:" + Plugin);
