using System.Text.Json;
using DistSys.Host.Hosting.Settings;
using DistSys.Runtime.Distribution;
using DistSys.Supervision;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DistSys.Host.Hosting;

/// <summary>
/// The seam through which a service joins the node. A service's <c>AddTo(NodeContext)</c> runs once,
/// after the cluster core started and before the port opens: it registers its message types and
/// behaviours on <see cref="Cluster"/>, maps its endpoints, and adds its supervised processes and
/// start/stop hooks. The host then starts the services under the <see cref="NodeSupervisor"/> in the
/// order added and runs the start hooks: on a master before its port opens, on a worker once it joined.
/// </summary>
internal sealed class NodeContext
{
    private readonly List<Action<IEndpointRouteBuilder>> _endpoints = [];
    private readonly List<ChildSpec> _services = [];
    private readonly List<Func<NodeContext, CancellationToken, Task>> _startHooks = [];
    private readonly List<Func<NodeContext, Task>> _stopHooks = [];
    private readonly List<(string Name, Func<JsonElement> Read)> _statusSections = [];
    private readonly TaskCompletionSource<string> _steppedDown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<CancellationToken, Task>? _leadership;
    private volatile bool _frozen;
    private volatile NodeStatus _status = NodeStatus.Starting;

    public NodeContext(ClusterNode cluster, NodeSettings settings, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        Cluster = cluster;
        Settings = settings;
        LoggerFactory = loggerFactory;
        Time = time ?? TimeProvider.System;
        StartedAt = Time.GetUtcNow();
    }

    public ClusterNode Cluster { get; }

    public NodeSettings Settings { get; }

    /// <summary>The merged configuration (CLI, environment, file): a service reads its own section.</summary>
    public IConfiguration Configuration => Settings.Configuration;

    /// <summary>Absolute and existing; a service keeps its files under its own sub-directory.</summary>
    public string DataDirectory => Settings.DataDirectory;

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider Time { get; }

    public DateTimeOffset StartedAt { get; }

    public NodeStatus Status
    {
        get => _status;
        internal set => _status = value;
    }

    /// <summary>The root supervisor; null until the services start.</summary>
    public NodeSupervisor? Supervisor { get; internal set; }

    /// <summary>Maps a service's endpoint group (e.g. <c>app => app.MapJobEndpoints()</c>).</summary>
    public void MapEndpoints(Action<IEndpointRouteBuilder> map) => Add(_endpoints, map);

    /// <summary>Starts a supervised process of the service under the node supervisor.</summary>
    public void AddService(ChildSpec service) => Add(_services, service);

    /// <summary>Runs after the services started and before the node reports ready (e.g. open a store).</summary>
    public void OnStarted(Func<NodeContext, CancellationToken, Task> hook) => Add(_startHooks, hook);

    /// <summary>Runs at shutdown after the node left the cluster, in reverse order of registration.</summary>
    public void OnStopping(Func<NodeContext, Task> hook) => Add(_stopHooks, hook);

    /// <summary>
    /// A master that may only run its services while it leads (a shared store, docs/ha.md): the host
    /// listens first, as a standby, and starts the services once <paramref name="campaign"/> completes.
    /// </summary>
    public void AwaitLeadership(Func<CancellationToken, Task> campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (_frozen || _leadership is not null)
        {
            throw new InvalidOperationException("One service decides a master's leadership, in AddTo(NodeContext).");
        }

        _leadership = campaign;
    }

    /// <summary>The leader lost its lease: the node stops its services and exits (code 1), naming <paramref name="reason"/>.</summary>
    public void StepDown(string reason) => _steppedDown.TrySetResult(reason);

    /// <summary>Adds a section to <c>GET /api/status</c> (e.g. "jobs" on a worker), read on each request.</summary>
    public void AddStatusSection(string name, Func<JsonElement> read) => Add(_statusSections, (name, read));

    internal Func<CancellationToken, Task>? Leadership => _leadership;

    /// <summary>Completes with the reason once a leader stepped down.</summary>
    internal Task<string> SteppedDown => _steppedDown.Task;

    internal IReadOnlyList<Action<IEndpointRouteBuilder>> EndpointMaps => _endpoints;

    internal IReadOnlyList<(string Name, Func<JsonElement> Read)> StatusSections => _statusSections;

    internal IReadOnlyList<ChildSpec> Services => _services;

    internal IReadOnlyList<Func<NodeContext, CancellationToken, Task>> StartHooks => _startHooks;

    internal IEnumerable<Func<NodeContext, Task>> StopHooks => Enumerable.Reverse(_stopHooks);

    /// <summary>After this the lists are read by the host; a late registration would silently do nothing.</summary>
    internal void Freeze() => _frozen = true;

    private void Add<T>(List<T> list, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (_frozen)
        {
            throw new InvalidOperationException("Services join a node in AddTo(NodeContext), before it starts.");
        }

        list.Add(item);
    }
}
