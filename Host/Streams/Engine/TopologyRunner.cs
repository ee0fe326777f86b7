using DistSys.Runtime;
using DistSys.Streams.Storage;

namespace DistSys.Streams.Engine;

/// <summary>
/// One running topology: spawns (linked) an instance process per stage instance, wires their edges,
/// collects the sinks' marks into acknowledged source offsets (stored, and freeing the source logs),
/// drains on stop, and restarts every instance from the acknowledged offsets when one fails or its
/// worker goes down (the events since are replayed and counted: at-least-once). Instances run where
/// <see cref="Placement"/> puts them.
/// </summary>
internal sealed partial class TopologyRunner(StreamHandle stream, StreamOptions options, StreamStore store, Func<string, string, long, SourceLog> logFor, Placement placement) : Behaviour
{
    public const int MaxRestarts = 10;

    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(250);

    private readonly List<Stage> _stages = Stage.Plan(stream.Topology);
    private readonly Dictionary<Pid, NodeStats> _live = [];
    private readonly List<string> _places = [];
    private readonly List<CallRequest> _stopCalls = [];
    private readonly Dictionary<NodeStats, (long Events, long At)> _samples = [];
    private SourceState[] _sources = [];
    private int[] _sinkSource = [];
    private long[] _sinkMarks = [];
    private bool[] _sinkEnded = [];
    private Pid[] _sourcePids = [];

    protected override async ValueTask InitAsync(ProcessContext context)
    {
        _sources = [.. _stages.Where(s => s.First.IsSource).Select(s => new SourceState(s.First.Id,
            s.First.Kind is Topology.HttpSourceSpec ? logFor(stream.Id, s.First.Id, store.LoadSource(stream.Id, s.First.Id).Acked) : null,
            store.LoadSource(stream.Id, s.First.Id)))];
        stream.Sources = _sources;
        foreach (var source in _sources)
        {
            source.Replay(source.EmittedBefore);
        }

        await StartAsync(context);
        if (stream.Status == StreamStatus.Stopping)
        {
            Drain(context);
        }

        context.SendAfter(Wake.Instance, s_tick);
    }

    protected override async ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        switch (message)
        {
            case SinkMark mark:
                OnSinkMark(context, mark);
                break;
            case StopRunner stop:
                _stopCalls.Add(stop.Call);
                Drain(context);
                break;
            case Wake:
                Persist();
                SampleRates();
                context.SendAfter(Wake.Instance, s_tick);
                break;
            case InstanceReport report when _live.TryGetValue(report.From, out var node):
                node.Apply(report);
                break;
            case ExitMessage exit when _live.Remove(exit.From, out var failed) && !exit.Reason.IsNormal:
                await RestartAsync(context, exit, failed);
                break;
        }
    }

    protected override void Terminate(ProcessContext context, ExitReason reason)
    {
        foreach (var source in _sources)
        {
            source.Log?.OnAppended(null);
        }
    }

    private void Drain(ProcessContext context)
    {
        if (stream.Status == StreamStatus.Running)
        {
            stream.Status = StreamStatus.Stopping;
            store.SetStatus(stream.Id, StreamStatus.Stopping, null, null);
        }

        foreach (var pid in _sourcePids)
        {
            context.Send(pid, new Drain());
        }
    }
}
