using DistSys.Runtime;

namespace DistSys.Streams.Engine;

/// <summary>
/// Placing, spawning and wiring the instances: each where <see cref="Placement"/> says (a remote spawn on a
/// worker, linked to the runner; on the master when a spawn there fails), then every edge from each instance
/// of a stage to each instance of its consumer.
/// </summary>
internal sealed partial class TopologyRunner
{
    private static readonly TimeSpan s_spawnTimeout = TimeSpan.FromSeconds(5);

    private async ValueTask StartAsync(ProcessContext context)
    {
        var factory = InstanceFactory.OnMaster(stream.Id, options, context.Runtime, store);
        var sinks = _stages.Where(s => s.Last.IsSink).SelectMany(s => Enumerable.Range(0, s.Parallelism).Select(i => (s, i))).ToList();
        _sinkSource = [.. sinks.Select(k => Array.FindIndex(_sources, src => src.Node == stream.Topology.SourceOf(k.s.First).Id))];
        _sinkMarks = [.. sinks.Select(_ => -1L)];
        _sinkEnded = new bool[sinks.Count];

        var slots = new List<(Stage Stage, InstanceArgs Args, string Place, Task<Pid>? Spawn)>();
        var loads = await placement.LoadsAsync().ConfigureAwait(false);
        foreach (var stage in _stages)
        {
            var source = stage.First.IsSource ? _sources.First(s => s.Node == stage.First.Id) : null;
            var siblings = new List<string>(stage.Parallelism);
            for (var i = 0; i < stage.Parallelism; i++)
            {
                var args = new InstanceArgs(stream.Id, stream.TopologyJson, stage.Index, i, context.Self, sinks.IndexOf((stage, i)),
                    source?.Acked ?? 0, options.Credits, options.BatchEvents);
                var place = placement.Take(stage, siblings, loads);
                siblings.Add(place);
                slots.Add((stage, args, place, place == placement.Master ? null : placement.SpawnAsync(place, args, context.Self, s_spawnTimeout)));
            }
        }

        // The spawns run together; the runner's state changes only here, after them, on its own turn.
        await Task.WhenAll(slots.Where(s => s.Spawn is not null).Select(s => (Task)s.Spawn!)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        var stats = new List<NodeStats>();
        var pids = _stages.Select(s => new Pid[s.Parallelism]).ToArray();
        foreach (var (stage, args, place, spawn) in slots)
        {
            Pid pid;
            NodeStats node;
            if (spawn is { IsCompletedSuccessfully: true })
            {
                pid = spawn.Result;
                node = new NodeStats(stage.Name, args.Instance, place);
            }
            else
            {
                if (spawn is not null)
                {
                    StreamsLog.PlacedOnMaster(options.Logger, stream.Id, stage.Name, args.Instance, place, spawn.Exception?.GetBaseException().Message ?? "cancelled");
                    placement.Move(place, placement.Master);
                }

                node = new NodeStats(stage.Name, args.Instance, placement.Master);
                var log = stage.First.IsSource ? _sources.First(s => s.Node == stage.First.Id).Log : null;
                pid = context.SpawnLink(factory.Create(_stages, args, node, log, Pid.None));
            }

            node.Process = pid;
            _places.Add(node.Place);
            stats.Add(node);
            pids[stage.Index][args.Instance] = pid;
            _live[pid] = node;
        }

        _sourcePids = [.. _stages.Where(s => s.First.IsSource).SelectMany(s => pids[s.Index])];
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

    /// <summary>Gives back the places of the instances that ran (before a restart or at the end).</summary>
    private void ReleasePlaces()
    {
        foreach (var place in _places)
        {
            placement.Release(place);
        }

        _places.Clear();
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
