using DistSys.Runtime.Distribution;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Engine;

/// <summary>A worker's batch load as the job scheduler sees it: the tasks it runs and the task slots it offers.</summary>
internal readonly record struct WorkerLoad(int ActiveTasks, int MaxTasks);

/// <summary>
/// Where a master's runners put instances (docs/streaming.md, "Placement"): a stage's parallel instances first
/// spread over the up workers, then each goes to the least loaded of those, load being the stream instances
/// this master placed there plus the batch tasks it runs, per task slot it offers; ties by name. On the master
/// when there is no worker. Shared by every runner of the master; taken only when a topology (re)starts,
/// never per event.
/// </summary>
internal sealed class Placement(ClusterNode? cluster, string master)
{
    private static readonly IReadOnlyDictionary<string, WorkerLoad> s_noLoads = new Dictionary<string, WorkerLoad>();
    private readonly Dictionary<string, int> _load = new(StringComparer.Ordinal);

    public string Master { get; } = master;

    /// <summary>
    /// The workers' batch loads, set by the node that also runs the job scheduler (Streams does not know
    /// Jobs); without it, or when it fails, only stream instances count.
    /// </summary>
    public Func<Task<IReadOnlyDictionary<string, WorkerLoad>>>? Loads { get; set; }

    /// <summary>
    /// Stages that may leave the master: operators and generator sources. An http source reads the master's
    /// durable log, a file source the master's input root, and every sink writes the master's store, data
    /// directory or log, so those stay where their data is.
    /// </summary>
    public static bool OnWorkers(Stage stage) => !stage.Last.IsSink && stage.First.Kind is not (HttpSourceSpec or FileSourceSpec);

    /// <summary>The workers' batch loads now, read once per topology start; empty when unknown.</summary>
    public async Task<IReadOnlyDictionary<string, WorkerLoad>> LoadsAsync()
    {
        try
        {
            return Loads is null ? s_noLoads : await Loads().ConfigureAwait(false);
        }
        catch (Runtime.CallException)
        {
            return s_noLoads; // a scheduler that cannot answer must not stop a topology from starting
        }
    }

    /// <summary>
    /// Picks the node for one instance of <paramref name="stage"/>, given where its <paramref name="siblings"/>
    /// already went, and counts it there until <see cref="Release"/>.
    /// </summary>
    public string Take(Stage stage, IReadOnlyList<string> siblings, IReadOnlyDictionary<string, WorkerLoad> loads)
    {
        var workers = OnWorkers(stage) && cluster is not null
            ? cluster.Members.Where(m => m.Role == NodeRole.Worker && m.IsUp).Select(m => m.Name).ToList()
            : [];
        lock (_load)
        {
            var node = workers.Count == 0 ? Master : Choose(workers, siblings, _load, loads);
            _load[node] = _load.GetValueOrDefault(node) + 1;
            return node;
        }
    }

    /// <summary>The rule of <see cref="Take"/> over a given set of up workers.</summary>
    internal static string Choose(IReadOnlyList<string> workers, IReadOnlyList<string> siblings, IReadOnlyDictionary<string, int> instances,
        IReadOnlyDictionary<string, WorkerLoad> loads)
    {
        // A worker the scheduler does not know (yet) counts as one slot with no batch task.
        double PerSlot(string worker) => (instances.GetValueOrDefault(worker) + loads.GetValueOrDefault(worker).ActiveTasks)
            / (double)Math.Max(1, loads.GetValueOrDefault(worker).MaxTasks);

        return workers.OrderBy(w => siblings.Count(s => s == w)).ThenBy(PerSlot).ThenBy(w => w, StringComparer.Ordinal).First();
    }

    /// <summary>Spawns the instance <paramref name="args"/> names on worker <paramref name="node"/>, linked to <paramref name="link"/>.</summary>
    public Task<Runtime.Pid> SpawnAsync(string node, InstanceArgs args, Runtime.Pid link, TimeSpan timeout) => cluster is null
        ? Task.FromException<Runtime.Pid>(new InvalidOperationException("no cluster to spawn on"))
        : cluster.SpawnAsync(node, StreamWire.InstanceBehaviour, args, timeout, link);

    /// <summary>Moves one instance counted on <paramref name="from"/> to <paramref name="to"/> (a spawn there failed).</summary>
    public void Move(string from, string to)
    {
        Release(from);
        lock (_load)
        {
            _load[to] = _load.GetValueOrDefault(to) + 1;
        }
    }

    public void Release(string node)
    {
        lock (_load)
        {
            if (_load.TryGetValue(node, out var count))
            {
                if (count <= 1)
                {
                    _load.Remove(node);
                }
                else
                {
                    _load[node] = count - 1;
                }
            }
        }
    }
}
