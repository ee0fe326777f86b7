namespace DistSys.Streams.Engine;

/// <summary>
/// One instance's counters: written by its process only, read by status (a torn read of a counter
/// is a count off by a batch, never wrong for long). Where it runs, for status. An instance on a
/// worker keeps its own and reports them (<see cref="InstanceReport"/>) into the runner's copy.
/// </summary>
internal sealed class NodeStats(string node, int instance, string place)
{
    private long _eventsIn;
    private long _eventsOut;
    private int _backlog;
    private long _mark = -1;
    private double _rate;

    public string Node { get; } = node;

    public int Instance { get; } = instance;

    public string Place { get; } = place;

    /// <summary>The instance's process, once spawned.</summary>
    public DistSys.Runtime.Pid Process { get; set; }

    public long EventsIn => Volatile.Read(ref _eventsIn);

    public long EventsOut => Volatile.Read(ref _eventsOut);

    /// <summary>Batches waiting in the instance's input buffer.</summary>
    public int Backlog => Volatile.Read(ref _backlog);

    /// <summary>The last mark the instance passed on: for a source, the offset of the next event it reads.</summary>
    public long Mark => Volatile.Read(ref _mark);

    public void SetMark(long mark) => Volatile.Write(ref _mark, mark);

    /// <summary>Events in per second over the last second, set by the runner.</summary>
    public double Rate { get => Volatile.Read(ref _rate); set => Volatile.Write(ref _rate, value); }

    public void AddIn(long events) => Volatile.Write(ref _eventsIn, _eventsIn + events);

    public void AddOut(long events) => Volatile.Write(ref _eventsOut, _eventsOut + events);

    public void SetBacklog(int batches) => Volatile.Write(ref _backlog, batches);

    /// <summary>Takes the counters an instance on another node reported.</summary>
    public void Apply(InstanceReport report)
    {
        Volatile.Write(ref _eventsIn, report.EventsIn);
        Volatile.Write(ref _eventsOut, report.EventsOut);
        Volatile.Write(ref _backlog, report.Backlog);
        Volatile.Write(ref _mark, Math.Max(_mark, report.Mark));
    }
}
