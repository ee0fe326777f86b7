using System.Text;
using DistSys.Runtime;
using DistSys.Streams.Operators;
using DistSys.Streams.Sinks;
using DistSys.Streams.Sources;
using DistSys.Streams.Storage;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Engine;

/// <summary>Builds the process of one instance of a stage: its source or operators, and its router or sink.</summary>
internal sealed class InstanceFactory(StreamHandle stream, StreamOptions options, ProcessRuntime runtime, StreamStore store)
{
    public Behaviour Create(Stage stage, IReadOnlyList<Stage> stages, int instance, NodeStats stats, Pid runner, int sinkIndex, SourceState? source)
    {
        Terminal terminal = stage.Last.IsSink
            ? new SinkTerminal(Writer((SinkSpec)stage.Last.Kind, stage.Last.Id, instance), sinkIndex, runner)
            : new Router([.. stage.Consumers(stages).Select(c => (c.First.Edge, c.First.Key is { } key ? Encoding.UTF8.GetBytes(key) : null))], instance, options.Credits);
        if (stage.First.Kind is SourceSpec spec)
        {
            return new SourceProcess(Source(spec, source!), (Router)terminal, stats, options.BatchEvents, runtime);
        }

        var chain = stage.Nodes.Where(n => !n.IsSink).Select(Operator).ToArray();
        return new InstanceProcess(chain, terminal, stats);
    }

    private static Operator Operator(NodeSpec node) => node.Kind switch
    {
        FilterSpec filter => new FilterOperator(filter.Where),
        MapSpec map => new MapOperator(map),
        FlatMapSpec flat => new FlatMapOperator(flat.Field),
        AggregateSpec aggregate => new AggregateOperator(aggregate.Aggregate, node.Key!, aggregate.Field),
        _ => throw new InvalidOperationException($"node '{node.Id}' is not an operator"),
    };

    private static EventSource Source(SourceSpec spec, SourceState state) => spec switch
    {
        GeneratorSourceSpec generator => new GeneratorSource(generator, state.Acked),
        FileSourceSpec file => new FileSource(file, state.Acked),
        _ => new LogSource(state.Log!, state.Acked),
    };

    private SinkWriter Writer(SinkSpec spec, string node, int instance) => spec switch
    {
        CollectSinkSpec collect => new CollectWriter(store, stream.Id, node, collect.Retention),
        FileSinkSpec => new FileWriter(Path.Combine(options.OutputDirectory, stream.Id, $"{node}-part-{instance:D5}.ndjson")),
        _ => new LogWriter(options.Logger, stream.Id, node),
    };
}
