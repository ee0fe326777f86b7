using DistSys.Runtime;
using DistSys.Runtime.Distribution;
using DistSys.Supervision;

namespace DistSys.Plugins.Cluster;

/// <summary>
/// Cluster-wide plugin control: every node runs a plugin control process (see <see cref="StartAsync"/>);
/// the master sends a deploy, rollback or stop to every worker that is up and collects one outcome per
/// node. A worker that joins later does not receive earlier commands.
/// </summary>
public sealed class ClusterPluginControl
{
    private readonly ClusterNode _cluster;

    private ClusterPluginControl(ClusterNode cluster) => _cluster = cluster;

    /// <summary>How long the master waits for one worker's outcome (a deploy starts and health-checks a process). 60 s.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>This node's name.</summary>
    public string NodeName => _cluster.Name;

    /// <summary>True on the master, the node that fans commands out.</summary>
    public bool IsMaster => _cluster.Role == NodeRole.Master;

    /// <summary>The global name of a node's plugin control process.</summary>
    public static string ServerName(string node) => $"plugin_control@{node}";

    /// <summary>
    /// Starts this node's plugin control process under the plugin manager's supervisor (it registers its
    /// global name as soon as the master answers). The message types must be registered
    /// (<see cref="PluginMessages.Register"/>) on every node.
    /// </summary>
    public static async Task<ClusterPluginControl> StartAsync(ClusterNode cluster, PluginManager manager, PluginControlHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(manager);
        var child = ChildSpec.Worker("plugin_control", () => new PluginControlServer(cluster, manager, hooks ?? PluginControlHooks.None));
        var started = await Supervisor.StartChildAsync(cluster.Runtime, manager.SupervisorPid, child).ConfigureAwait(false);
        if (!started.IsOk)
        {
            throw new PluginException(PluginError.StartFailed, $"the plugin control process did not start: {started.Error} {started.Reason}");
        }

        return new ClusterPluginControl(cluster);
    }

    /// <summary>
    /// Runs <paramref name="command"/> on every other node that is up (all at once) and returns their
    /// outcomes by node name; a node that cannot be reached or does not answer in time is an
    /// <c>unreachable</c> outcome. Empty on a worker or a master without workers.
    /// </summary>
    public async Task<IReadOnlyList<PluginNodeOutcome>> RunOnWorkersAsync(PluginCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!IsMaster)
        {
            return [];
        }

        var workers = _cluster.Members.Where(member => member.IsUp && member.Name != _cluster.Name).Select(member => member.Name);
        var outcomes = await Task.WhenAll(workers.Select(node => RunOnAsync(node, command))).ConfigureAwait(false);
        return [.. outcomes.OrderBy(outcome => outcome.Node, StringComparer.Ordinal)];
    }

    private async Task<PluginNodeOutcome> RunOnAsync(string node, PluginCommand command)
    {
        try
        {
            return await _cluster.WhereisGlobalAsync(ServerName(node)).ConfigureAwait(false) is { } server
                ? await _cluster.Runtime.CallAsync<PluginNodeOutcome>(server, command, CommandTimeout).ConfigureAwait(false)
                : new PluginNodeOutcome(node, false, "unreachable", $"node {node} has no plugin control process registered (yet)");
        }
        catch (CallException failed)
        {
            return new PluginNodeOutcome(node, false, "unreachable", $"node {node} did not answer: {failed.Message}");
        }
    }
}
