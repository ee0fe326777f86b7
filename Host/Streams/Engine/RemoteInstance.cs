using System.Text.Json;
using DistSys.Runtime;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Engine;

/// <summary>
/// The factory of <see cref="StreamWire.InstanceBehaviour"/> on a worker: plans the stages of the topology it
/// is given exactly as the master's runner did, and builds the one instance asked for. It refuses what a worker
/// cannot run (sinks, http and file sources: <see cref="Placement.OnWorkers"/>), so the runner places it on the master.
/// </summary>
internal static class RemoteInstance
{
    public static Behaviour Create(InstanceArgs args, ProcessRuntime runtime, string node, IStreamPlugins? plugins)
    {
        if (args.Credits is < 1 or > 1024 || args.BatchEvents is < 1 or > 1 << 16 || args.Runner.IsNone)
        {
            throw new InvalidOperationException("credits must be 1-1024, batch events 1-65536, and the runner named");
        }

        // File paths are the master's to resolve: a worker never runs a file source, so any path parses here.
        using var document = JsonDocument.Parse(args.TopologyJson);
        var (topology, error) = TopologyParser.Parse(document.RootElement, name => (name, null));
        if (topology is null)
        {
            throw new InvalidOperationException($"the topology does not parse: {error}");
        }

        var stages = Stage.Plan(topology);
        if (args.Stage < 0 || args.Stage >= stages.Count || args.Instance < 0 || args.Instance >= stages[args.Stage].Parallelism)
        {
            throw new InvalidOperationException($"no instance {args.Instance} of stage {args.Stage} in {args.Job}");
        }

        var stage = stages[args.Stage];
        if (!Placement.OnWorkers(stage))
        {
            throw new InvalidOperationException($"'{stage.First.Id}' runs on the master");
        }

        var stats = new NodeStats(stage.Name, args.Instance, node);
        return InstanceFactory.OnWorker(runtime, plugins).Create(stages, args, stats, null, args.Runner);
    }
}
