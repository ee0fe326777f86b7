using DistSys.Host.Api;
using DistSys.Host.Jobs.Operations;
using DistSys.Host.Node;
using DistSys.Plugins;

namespace DistSys.Host.Plugins;

/// <summary>
/// The plugin service's hook into a node (<see cref="AddTo"/>): once the node supervisor runs, the
/// plugin manager starts under it as the <c>plugin_manager</c> service; <c>/api/plugins</c> is mapped;
/// and, given the job service's operation registry, every active plugin is offered to jobs as
/// <c>plugin:NAME</c> (its first operation), withdrawn when the plugin stops.
/// </summary>
internal sealed class PluginService(OperationRegistry? jobOperations)
{
    private PluginManager? _manager;

    /// <summary>The node's plugin manager; null until the node has started it.</summary>
    public PluginManager? Manager
    {
        get => Volatile.Read(ref _manager);
        internal set => Volatile.Write(ref _manager, value);
    }

    public static PluginService AddTo(NodeContext context, OperationRegistry? jobOperations = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var service = new PluginService(jobOperations);
        context.OnStarted(async (node, _) => service.Manager = await PluginManager.StartAsync(node.Cluster.Runtime, node.Supervisor!).ConfigureAwait(false));
        context.OnStopping(_ => service.Manager?.DisposeAsync().AsTask() ?? Task.CompletedTask);
        context.MapEndpoints(app => app.MapPluginEndpoints(service));
        return service;
    }

    /// <summary>A version became active (deploy, hot swap, rollback): jobs naming the plugin now run it.</summary>
    public void Activated(PluginInfo plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (jobOperations is not null && Manager is { } manager && plugin.Operations.Count > 0)
        {
            jobOperations.AddPlugin(new PluginJobOperation(manager, plugin.Name, plugin.Operations[0]));
        }
    }

    public void Stopped(string name) => jobOperations?.RemovePlugin(OperationRegistry.PluginPrefix + name);
}
