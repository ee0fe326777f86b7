using DistSys.Plugins.Manager;
using DistSys.Supervision;

namespace DistSys.Plugins;

/// <summary>
/// Deploy, hot swap, rollback and stop. One control operation at a time; requests keep flowing
/// throughout: the new version starts and passes its health check beside the old one, the route
/// switches in one atomic write, and the old one drains its in-flight requests before it stops.
/// </summary>
public sealed partial class PluginManager
{
    /// <summary>
    /// Deploys <paramref name="spec"/>: the first version of a plugin, or a hot swap to another version.
    /// If the new version does not start or fails its health check, nothing changes and the error is
    /// thrown (<see cref="PluginError.StartFailed"/>); the old version keeps serving.
    /// </summary>
    public async Task<PluginInfo> DeployAsync(PluginSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Sdk.Protocol.PluginHello.ValidateName(spec.Name, nameof(spec));
        Sdk.Protocol.PluginHello.ValidateName(spec.Version, nameof(spec));
        await _control.WaitAsync().ConfigureAwait(false);
        try
        {
            var route = _routes.GetOrAdd(spec.Name, _ => new PluginRoute());
            var info = await SwitchToAsync(route, spec).ConfigureAwait(false);
            route.History = [.. route.History, spec];
            return info with { PreviousVersion = route.History.Length > 1 ? route.History[^2].Version : null };
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>
    /// Starts a plugin again after the node restarted: <paramref name="history"/> is its deploy history, oldest first;
    /// its last version is started as by <see cref="DeployAsync"/> and the earlier ones become what rollbacks return to.
    /// </summary>
    /// <exception cref="PluginException"><see cref="PluginError.StartFailed"/>: the version did not start.</exception>
    public async Task<PluginInfo> RestoreAsync(IReadOnlyList<PluginSpec> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfZero(history.Count);
        var info = await DeployAsync(history[^1]).ConfigureAwait(false);
        if (_routes.TryGetValue(info.Name, out var route))
        {
            route.History = [.. history];
        }

        return info with { PreviousVersion = history.Count > 1 ? history[^2].Version : null };
    }

    /// <summary>True when the active version of <paramref name="spec"/>'s plugin is that very spec (same version, same program) and is not down.</summary>
    internal bool Runs(PluginSpec spec) =>
        _routes.TryGetValue(spec.Name, out var route) && route.Active is { IsDown: false } active
        && active.Spec.Version == spec.Version && active.Spec.Path == spec.Path;

    /// <summary>Returns <paramref name="name"/> to the version deployed before the active one, the same way as a deploy.</summary>
    public async Task<PluginInfo> RollbackAsync(string name)
    {
        await _control.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_routes.TryGetValue(name, out var route) || route.Active is null)
            {
                throw new PluginException(PluginError.NotDeployed, $"no plugin '{name}' is deployed");
            }

            if (route.History.Length < 2)
            {
                throw new PluginException(PluginError.NoPreviousVersion, $"plugin '{name}' has no previous version to roll back to");
            }

            var info = await SwitchToAsync(route, route.History[^2]).ConfigureAwait(false);
            route.History = route.History[..^1];
            return info with { PreviousVersion = route.History.Length > 1 ? route.History[^2].Version : null };
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>Stops a plugin after its in-flight requests finish; false if it was not deployed.</summary>
    public async Task<bool> StopAsync(string name)
    {
        await _control.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_routes.TryRemove(name, out var route) || route.Switch(null) is not { } active)
            {
                return false;
            }

            await RetireAsync(active).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _control.Release();
        }
    }

    private async Task<PluginInfo> SwitchToAsync(PluginRoute route, PluginSpec spec)
    {
        var deployment = new PluginDeployment(spec, $"{spec}#{Interlocked.Increment(ref _deployments)}", _logger);
        var started = await Supervisor.StartChildAsync(_runtime, SupervisorPid, deployment.ToChildSpec(), spec.Limits.StartTimeout * 2).ConfigureAwait(false);
        if (!started.IsOk)
        {
            await Supervisor.DeleteChildAsync(_runtime, SupervisorPid, deployment.ChildId).ConfigureAwait(false);
            throw new PluginException(PluginError.StartFailed, deployment.LastError ?? $"plugin {spec} did not start: {started.Error} {started.Reason}");
        }

        _runtime.Spawn(new DeploymentWatcher(started.Pid, deployment));
        if (route.Switch(deployment) is { } previous)
        {
            await RetireAsync(previous).ConfigureAwait(false);
        }

        return PluginInfo.Of(deployment, [.. route.History, spec]);
    }

    private async Task RetireAsync(PluginDeployment deployment)
    {
        var drain = deployment.RetireAsync();
        var limit = deployment.Spec.Limits.RequestTimeout * 2;
        if (await Task.WhenAny(drain, Task.Delay(limit)).ConfigureAwait(false) != drain)
        {
            deployment.LastError = $"still had requests in flight {limit.TotalSeconds:F0} s after it was retired";
        }

        var stopped = await Supervisor.TerminateChildAsync(_runtime, SupervisorPid, deployment.ChildId).ConfigureAwait(false);
        if (stopped == SupervisorError.None)
        {
            await Supervisor.DeleteChildAsync(_runtime, SupervisorPid, deployment.ChildId).ConfigureAwait(false);
        }
    }
}
