using System.Collections.Concurrent;
using DistSys.Plugins.Manager;
using DistSys.Runtime;
using DistSys.Supervision;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistSys.Plugins;

/// <summary>
/// The node's plugin manager: deploys plugins as supervised, sandboxed OS processes, routes requests to
/// the active version of each, hot-swaps and rolls back without downtime, and fails over when an
/// instance dies. Its supervisor (one_for_one) holds one supervisor per deployed version, whose restart
/// intensity comes from that version's <see cref="PluginSpec"/>.
/// </summary>
public sealed partial class PluginManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PluginRoute> _routes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _control = new(1, 1);
    private readonly ProcessRuntime _runtime;
    private readonly bool _ownsSupervisor;
    private readonly ILogger _logger;
    private long _deployments;

    private PluginManager(ProcessRuntime runtime, Pid supervisor, bool ownsSupervisor, ILogger? logger)
    {
        _runtime = runtime;
        _logger = logger ?? NullLogger.Instance;
        SupervisorPid = supervisor;
        _ownsSupervisor = ownsSupervisor;
        PluginMetrics.Register(this);
    }

    /// <summary>The plugin manager's supervisor.</summary>
    public Pid SupervisorPid { get; }

    /// <summary>The supervisor spec of the manager itself: its children come and go with deployments.</summary>
    public static SupervisorSpec SupervisorSpec { get; } = new() { Intensity = 10, Period = TimeSpan.FromSeconds(10) };

    /// <summary>Starts a plugin manager with its own top-level supervisor; plugins' stderr goes to <paramref name="logger"/>.</summary>
    public static async Task<PluginManager> StartAsync(ProcessRuntime runtime, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return new PluginManager(runtime, await Supervisor.StartAsync(runtime, SupervisorSpec).ConfigureAwait(false), ownsSupervisor: true, logger);
    }

    /// <summary>
    /// The host's start hook: starts the manager's supervisor as the node's
    /// <see cref="NodeServices.PluginManager"/> service.
    /// </summary>
    public static async Task<PluginManager> StartAsync(ProcessRuntime runtime, NodeSupervisor node, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(node);
        var started = await node.AddServiceAsync(ChildSpec.ForSupervisor(NodeServices.PluginManager, SupervisorSpec)).ConfigureAwait(false);
        if (!started.IsOk)
        {
            throw new PluginException(PluginError.StartFailed, $"the plugin manager did not start: {started.Error} {started.Reason}");
        }

        return new PluginManager(runtime, started.Pid, ownsSupervisor: false, logger);
    }

    /// <summary>Every deployed plugin with its active version and statistics.</summary>
    public IReadOnlyList<PluginInfo> List() =>
        [.. _routes.Values.Select(route => (route, active: route.Active))
            .Where(pair => pair.active is not null)
            .Select(pair => PluginInfo.Of(pair.active!, pair.route.History))
            .OrderBy(info => info.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Stops every plugin (their OS processes included), and the manager's supervisor when it started its
    /// own; under a <see cref="NodeSupervisor"/> the node's tree stops it (stopping it here would make the
    /// node restart it).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        PluginMetrics.Unregister(this);
        foreach (var name in _routes.Keys)
        {
            await StopAsync(name).ConfigureAwait(false);
        }

        if (!_ownsSupervisor)
        {
            _control.Dispose();
            return;
        }

        try
        {
            await Supervisor.StopAsync(_runtime, SupervisorPid).ConfigureAwait(false);
        }
        catch (CallException)
        {
            // Already stopped with the node's tree: stopping is idempotent.
        }

        _control.Dispose();
    }
}
