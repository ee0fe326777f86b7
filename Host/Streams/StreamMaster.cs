using System.Collections.Concurrent;
using DistSys.Runtime;
using DistSys.Runtime.Distribution;
using DistSys.Streams.Engine;
using DistSys.Streams.Storage;
using DistSys.Supervision;

namespace DistSys.Streams;

/// <summary>
/// The streaming service on the master: its store, the manager's child spec for the node's supervisor,
/// the topologies by id, their source logs, where instances are placed, and the calls the REST endpoints
/// make. Without a <see cref="ClusterNode"/> (tests) every instance runs in the master's own runtime.
/// </summary>
internal sealed class StreamMaster : IDisposable
{
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string Job, string Node), SourceLog> _logs = new();

    public StreamMaster(ProcessRuntime runtime, StreamOptions options, ClusterNode? cluster = null)
    {
        Runtime = runtime;
        Options = options;
        Placement = new Placement(cluster, options.Place);
        Store = StreamStore.Open(options.DataDirectory);
    }

    public ProcessRuntime Runtime { get; }

    public StreamOptions Options { get; }

    public StreamStore Store { get; }

    public Placement Placement { get; }

    /// <summary>Every topology this master knows, by id (filled by the manager, read by the API).</summary>
    public ConcurrentDictionary<string, StreamHandle> Streams { get; } = new(StringComparer.Ordinal);

    /// <summary>The manager, registered as <see cref="StreamManager.Name"/>; permanent, it resumes the topologies from the store if it restarts.</summary>
    public ChildSpec ManagerSpec =>
        ChildSpec.Worker(StreamManager.Name, () => new StreamManager(this), new SpawnOptions { Name = StreamManager.Name, TrapExit = true });

    /// <summary>Asks the manager; throws <see cref="CallException"/> (noproc) if it is not running.</summary>
    public Task<TReply> CallAsync<TReply>(object request, TimeSpan? timeout = null)
    {
        var manager = Runtime.Whereis(StreamManager.Name);
        return manager.IsNone
            ? Task.FromException<TReply>(new CallException(manager, ExitReason.NoProc))
            : Runtime.CallAsync<TReply>(manager, request, timeout ?? s_callTimeout);
    }

    /// <summary>An http source's log, opened once and kept for the life of the master (the ingest endpoint and the source share it).</summary>
    public SourceLog LogFor(string job, string node, long acked) =>
        _logs.GetOrAdd((job, node), key => new SourceLog(Path.Combine(Options.DataDirectory, "logs", key.Job, key.Node), Options.LogBytes, acked));

    /// <summary>
    /// Appends whole NDJSON lines (validated by the caller) to an http source's log, durably; refused when the
    /// topology or node is unknown, the node is not an http source, the topology is not running, or the log is full.
    /// </summary>
    public IngestResult Ingest(string job, string node, ReadOnlySpan<byte> lines)
    {
        if (!Streams.TryGetValue(job, out var stream))
        {
            return new IngestResult(IngestOutcome.UnknownJob, 0, 0, 0, 0);
        }

        var spec = stream.Topology.Nodes.FirstOrDefault(n => n.Id == node);
        if (spec is null || spec.Kind is not Topology.HttpSourceSpec)
        {
            return new IngestResult(spec is null ? IngestOutcome.UnknownNode : IngestOutcome.NotHttpSource, 0, 0, 0, 0);
        }

        if (stream.Status != StreamStatus.Running)
        {
            return new IngestResult(IngestOutcome.NotRunning, 0, 0, 0, 0);
        }

        var log = LogFor(job, node, Store.LoadSource(job, node).Acked);
        var append = log.Append(lines);
        return new IngestResult(append.Full ? IngestOutcome.LogFull : IngestOutcome.Accepted, append.Start, append.End, log.Used, log.Capacity);
    }

    public void Dispose()
    {
        foreach (var log in _logs.Values)
        {
            log.Dispose();
        }

        Store.Dispose();
    }
}
