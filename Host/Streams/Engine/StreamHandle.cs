using DistSys.Streams.Topology;

namespace DistSys.Streams.Engine;

/// <summary>
/// A topology as the API sees it: what was submitted, its status, and the live counters of its current
/// instances and sources (replaced when it restarts). The runner writes it; status reads it from any
/// thread, so each field is written whole.
/// </summary>
internal sealed class StreamHandle(string id, string name, TopologySpec topology, string topologyJson, long createdAt)
{
    private volatile NodeStats[] _instances = [];
    private volatile SourceState[] _sources = [];
    private volatile string? _error;
    private volatile int _status = (int)StreamStatus.Running;
    private long _stoppedAt;

    public string Id { get; } = id;

    public string Name { get; } = name;

    public TopologySpec Topology { get; } = topology;

    public string TopologyJson { get; } = topologyJson;

    public long CreatedAt { get; } = createdAt;

    public StreamStatus Status
    {
        get => (StreamStatus)_status;
        set => _status = (int)value;
    }

    public long? StoppedAt
    {
        get => Volatile.Read(ref _stoppedAt) is var t and > 0 ? t : null;
        set => Volatile.Write(ref _stoppedAt, value ?? 0);
    }

    public string? Error { get => _error; set => _error = value; }

    public IReadOnlyList<NodeStats> Instances { get => _instances; set => _instances = [.. value]; }

    public IReadOnlyList<SourceState> Sources { get => _sources; set => _sources = [.. value]; }

    /// <summary>
    /// How far source <paramref name="source"/> has read: the highest mark of its instances (a generator split over
    /// several reads ahead of its lowest, so this counts a replay's events generously, never short); else <paramref name="fallback"/>.
    /// </summary>
    public long ReadOf(string source, long fallback) =>
        _instances.Where(i => i.Node == source).Select(i => i.Mark).DefaultIfEmpty(fallback).Max();

    /// <summary>Restarts after an instance failed, since the topology started on this master.</summary>
    public int Restarts { get; set; }

    /// <summary>Of those, the ones caused by a failed call of a <c>plugin:NAME</c> operator.</summary>
    public int PluginFailures { get; set; }
}
