using System.Text;
using DistSys.Runtime;
using DistSys.Streams.Operators;
using DistSys.Streams.Sinks;
using DistSys.Streams.Sources;
using DistSys.Streams.Storage;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Engine;

/// <summary>
/// Builds the process of one instance of a stage: its source or operators, and its router or sink. The
/// master's factory writes sinks into its store and data directory; a worker's has no sinks (they stay on
/// the master: <see cref="Placement.OnWorkers"/>).
/// </summary>
internal sealed class InstanceFactory(ProcessRuntime runtime, Func<SinkSpec, string, int, SinkWriter> writers, IStreamPlugins? plugins)
{
    public static InstanceFactory OnMaster(string job, StreamOptions options, ProcessRuntime runtime, StreamStore store) =>
        new(runtime, (spec, node, instance) => spec switch
        {
            CollectSinkSpec collect => new CollectWriter(store, job, node, collect.Retention),
            FileSinkSpec => new FileWriter(Path.Combine(options.OutputDirectory, job, $"{node}-part-{instance:D5}.ndjson")),
            _ => new LogWriter(options.Logger, job, node),
        }, options.Plugins);

    public static InstanceFactory OnWorker(ProcessRuntime runtime, IStreamPlugins? plugins) =>
        new(runtime, (_, node, _) => throw new InvalidOperationException($"sink '{node}' runs on the master"), plugins);

    /// <summary>The instance <paramref name="args"/> names; with <paramref name="reportTo"/> set it reports its counters there after each batch.</summary>
    public Behaviour Create(IReadOnlyList<Stage> stages, InstanceArgs args, NodeStats stats, SourceLog? log, Pid reportTo)
    {
        var stage = stages[args.Stage];
        Terminal terminal = stage.Last.IsSink
            ? new SinkTerminal(writers((SinkSpec)stage.Last.Kind, stage.Last.Id, args.Instance), args.Sink, args.Runner)
            : new Router([.. stage.Consumers(stages).Select(c => (c.First.Edge, c.First.Key is { } key ? Encoding.UTF8.GetBytes(key) : null))], args.Instance, args.Credits);
        if (stage.First.Kind is SourceSpec spec)
        {
            return new SourceProcess(Source(spec, args, stage.Parallelism, log), (Router)terminal, stats, args.BatchEvents, runtime, reportTo);
        }

        var chain = stage.Nodes.Where(n => !n.IsSink).Select(Operator).ToArray();
        return new InstanceProcess(chain, terminal, stats, reportTo);
    }

    private Operator Operator(NodeSpec node) => node.Kind switch
    {
        PluginOpSpec plugin => new PluginOperator(plugins ?? throw new InvalidOperationException($"node '{node.Id}': this node runs no plugins"), plugin.Plugin, plugin.Operation),
        FilterSpec filter => new FilterOperator(filter.Where),
        MapSpec map => new MapOperator(map),
        FlatMapSpec flat => new FlatMapOperator(flat.Field),
        AggregateSpec aggregate => new AggregateOperator(aggregate.Aggregate, node.Key!, aggregate.Field),
        _ => throw new InvalidOperationException($"node '{node.Id}' is not an operator"),
    };

    private static EventSource Source(SourceSpec spec, InstanceArgs args, int parallelism, SourceLog? log) => spec switch
    {
        GeneratorSourceSpec generator => new GeneratorSource(generator, args.Acked, args.Instance, parallelism),
        FileSourceSpec file => new FileSource(file, args.Acked),
        _ => new LogSource(log ?? throw new InvalidOperationException("an http source reads the master's log"), args.Acked),
    };
}
