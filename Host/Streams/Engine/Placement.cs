using DistSys.Runtime.Distribution;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Engine;

/// <summary>
/// Where a master's runners put instances: on the up worker holding the fewest stream instances this master
/// placed (ties by name), so a stage's parallel instances spread over the workers; on the master when there
/// is no worker. Shared by every runner of the master; taken only when a topology (re)starts, never per event.
/// </summary>
internal sealed class Placement(ClusterNode? cluster, string master)
{
    private readonly Dictionary<string, int> _load = new(StringComparer.Ordinal);

    public string Master { get; } = master;

    /// <summary>
    /// Stages that may leave the master: operators and generator sources. An http source reads the master's
    /// durable log, a file source the master's input root, and every sink writes the master's store, data
    /// directory or log, so those stay where their data is.
    /// </summary>
    public static bool OnWorkers(Stage stage) => !stage.Last.IsSink && stage.First.Kind is not (HttpSourceSpec or FileSourceSpec);

    /// <summary>Picks the node for one instance of <paramref name="stage"/> and counts it there until <see cref="Release"/>.</summary>
    public string Take(Stage stage)
    {
        var workers = OnWorkers(stage) && cluster is not null
            ? cluster.Members.Where(m => m.Role == NodeRole.Worker && m.IsUp).Select(m => m.Name).ToList()
            : [];
        lock (_load)
        {
            var node = workers.Count == 0 ? Master : workers.OrderBy(w => _load.GetValueOrDefault(w)).ThenBy(w => w, StringComparer.Ordinal).First();
            _load[node] = _load.GetValueOrDefault(node) + 1;
            return node;
        }
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
