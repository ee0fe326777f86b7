namespace DistSys.Plugins.Manager;

/// <summary>
/// Where requests for one plugin name go: the active deployment, switched atomically (one reference
/// write), and the specs deployed before it, for rollback.
/// </summary>
internal sealed class PluginRoute
{
    private PluginDeployment? _active;

    /// <summary>Deployed specs, oldest first; the last is the active one. Replaced whole under the manager's control lock.</summary>
    public PluginSpec[] History { get; set; } = [];

    public PluginDeployment? Active => Volatile.Read(ref _active);

    /// <summary>Routes every new request to <paramref name="next"/>; returns the deployment it replaced.</summary>
    public PluginDeployment? Switch(PluginDeployment? next) => Interlocked.Exchange(ref _active, next);

    /// <summary>Counts the caller into the active deployment, re-reading the route if it was just retired.</summary>
    public PluginDeployment? Enter()
    {
        while (true)
        {
            var active = Active;
            if (active is null || active.TryEnter())
            {
                return active;
            }
        }
    }
}
