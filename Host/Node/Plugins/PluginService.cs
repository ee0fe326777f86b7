using DistSys.Jobs.Operations;
using DistSys.Host.Hosting;
using DistSys.Plugins;
using DistSys.Plugins.Cluster;
using DistSys.Plugins.Store;

namespace DistSys.Host.Plugins;

/// <summary>
/// The plugin service's hook into a node (<see cref="AddTo"/>): once the node supervisor runs, the
/// plugin manager starts under it as the <c>plugin_manager</c> service; <c>/api/plugins</c> is mapped;
/// and, given the job service's operation registry, every active plugin is offered to jobs as
/// <c>plugin:NAME</c> (its first operation), withdrawn when the plugin stops. Every node runs a plugin
/// control process, so the master can fan deploy, rollback and stop out to the workers, and starts again
/// the plugins it ran before a restart (<see cref="ClusterPluginControl.StartAsync"/>) before it is <see cref="Started"/>.
/// </summary>
internal sealed class PluginService(OperationRegistry? jobOperations)
{
    /// <summary>The content-addressed store every plugin runs from (<c>DATA_DIR/plugin-store</c>); null until started.</summary>
    public PluginStore? Store { get; internal set; }

    /// <summary>The operator's plugin directory (<c>--plugin-dir</c>, default <c>DATA_DIR/plugins</c>); null until started.</summary>
    public PluginDirectory? Directory { get; internal set; }

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PluginManager? _manager;
    private ClusterPluginControl? _control;

    /// <summary>
    /// Completes once the manager runs with the plugins restored: a stream operator that a resumed topology starts
    /// before the plugin service (the stream manager is a service, this a start hook) waits for it rather than failing.
    /// </summary>
    public Task Started => _started.Task;

    /// <summary>The node's plugin manager; null until the node has started it (and restored its plugins: then <see cref="Started"/> completes).</summary>
    public PluginManager? Manager
    {
        get => Volatile.Read(ref _manager);
        internal set
        {
            Volatile.Write(ref _manager, value);
            if (value is not null)
            {
                _started.TrySetResult();
            }
        }
    }

    /// <summary>Cluster-wide control (the master fans commands out to the workers); null until started.</summary>
    public ClusterPluginControl? Control
    {
        get => Volatile.Read(ref _control);
        internal set => Volatile.Write(ref _control, value);
    }

    public static PluginService AddTo(NodeContext context, OperationRegistry? jobOperations = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var service = new PluginService(jobOperations);
        PluginMessages.Register(context.Cluster.MessageTypes);
        context.OnStarted(async (node, _) =>
        {
            var logger = node.LoggerFactory.CreateLogger("DistSys.Plugins");
            var sandbox = node.Settings.PluginSandbox;
            if (!File.Exists(sandbox.BwrapPath))
            {
                HostLog.PluginSandboxMissing(logger, sandbox.MissingMessage);
            }

            service.Directory = new PluginDirectory(node.Settings.PluginDirectory ?? Path.Combine(node.DataDirectory, "plugins"));
            service.Store = new PluginStore(Path.Combine(node.DataDirectory, "plugin-store"), sandbox);
            var manager = await PluginManager.StartAsync(node.Cluster.Runtime, node.Supervisor!, logger).ConfigureAwait(false);
            var hooks = new PluginControlHooks(plugin => service.Activated(manager, plugin), service.Stopped);
            service.Control = await ClusterPluginControl.StartAsync(node.Cluster, manager, service.Store, hooks).ConfigureAwait(false);
            foreach (var outcome in service.Control.Restored)
            {
                HostLog.PluginRestored(logger, outcome);
            }

            service.Manager = manager;
        });
        context.OnStopping(_ =>
        {
            service.Control?.Dispose();
            return service.Manager?.DisposeAsync().AsTask() ?? Task.CompletedTask;
        });
        context.MapEndpoints(app => app.MapPluginEndpoints(service));
        return service;
    }

    /// <summary>A version became active (deploy, hot swap, rollback): jobs naming the plugin now run it.</summary>
    public void Activated(PluginInfo plugin) => Activated(Manager, plugin);

    private void Activated(PluginManager? manager, PluginInfo plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (jobOperations is not null && manager is not null && plugin.Operations.Count > 0)
        {
            jobOperations.Add(new PluginJobOperation(manager, plugin.Name, plugin.Operations[0]));
        }
    }

    public void Stopped(string name) => jobOperations?.Remove(PluginJobOperation.Prefix + name);
}
