using DistSys.Runtime;

namespace DistSys.Streams.Engine;

/// <summary>Spawning and wiring the instances: every edge from each instance of a stage to each instance of its consumer.</summary>
internal sealed partial class TopologyRunner
{
    private void Start(ProcessContext context)
    {
        var factory = new InstanceFactory(stream, options, context.Runtime, store);
        var sinks = _stages.Where(s => s.Last.IsSink).SelectMany(s => Enumerable.Range(0, s.Parallelism).Select(i => (s, i))).ToList();
        _sinkSource = [.. sinks.Select(k => Array.FindIndex(_sources, src => src.Node == stream.Topology.SourceOf(k.s.First).Id))];
        _sinkMarks = [.. sinks.Select(_ => -1L)];
        _sinkEnded = new bool[sinks.Count];

        var stats = new List<NodeStats>();
        var pids = new Pid[_stages.Count][];
        foreach (var stage in _stages)
        {
            pids[stage.Index] = new Pid[stage.Parallelism];
            for (var i = 0; i < stage.Parallelism; i++)
            {
                var node = new NodeStats(string.Join("+", stage.Nodes.Select(n => n.Id)), i, options.Place);
                stats.Add(node);
                var source = stage.First.IsSource ? _sources.First(s => s.Node == stage.First.Id) : null;
                var behaviour = factory.Create(stage, _stages, i, node, context.Self, sinks.IndexOf((stage, i)), source);
                pids[stage.Index][i] = context.SpawnLink(behaviour);
                node.Process = pids[stage.Index][i];
                _live[pids[stage.Index][i]] = node;
            }
        }

        _sourcePids = [.. _stages.Where(s => s.First.IsSource).Select(s => pids[s.Index][0])];
        stream.Instances = stats;

        // Receivers first: a sender starts sending once wired, and finds its receivers wired already.
        foreach (var stage in Enumerable.Reverse(_stages))
        {
            for (var i = 0; i < stage.Parallelism; i++)
            {
                context.Send(pids[stage.Index][i], WireOf(stage, i, pids));
            }
        }
    }

    private Wire WireOf(Stage stage, int instance, Pid[][] pids)
    {
        // The sender's outputs: one group per consumer stage; its inputs: every instance of its input's stage.
        var outputs = stage.Consumers(_stages).Select(c => pids[c.Index].Select(p => new EdgeTarget(p, instance)).ToArray()).ToArray();
        var inputs = Array.Empty<EdgeSource>();
        if (stage.First.Input is { } input)
        {
            var upstream = _stages.First(s => s.Last.Id == input);
            var group = upstream.Consumers(_stages).TakeWhile(c => c != stage).Sum(c => c.Parallelism);
            inputs = [.. pids[upstream.Index].Select(p => new EdgeSource(p, group + instance))];
        }

        return new Wire(outputs, inputs);
    }
}
