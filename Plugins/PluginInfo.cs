using DistSys.Plugins.Manager;

namespace DistSys.Plugins;

/// <summary>A deployed plugin as <see cref="PluginManager.List"/> reports it: the active version and its instance's statistics.</summary>
/// <param name="Name">The plugin's name.</param>
/// <param name="Version">The version requests go to.</param>
/// <param name="PreviousVersion">What a rollback returns to, if anything.</param>
/// <param name="State">"running", "starting" (between restarts) or "down" (its supervisor gave up).</param>
/// <param name="ProcessId">The instance's OS process, 0 when none runs.</param>
/// <param name="Requests">Requests answered or failed by this version's instances.</param>
/// <param name="Failures">Of those, the ones that failed.</param>
/// <param name="Restarts">Instances started after the first.</param>
/// <param name="MeanLatency">Mean round trip.</param>
/// <param name="MaxLatency">Longest round trip.</param>
/// <param name="LastError">Why the last instance died or failed to start.</param>
/// <param name="Operations">The operations the running instance announced (empty while none runs).</param>
public sealed record PluginInfo(
    string Name,
    string Version,
    string? PreviousVersion,
    string State,
    int ProcessId,
    long Requests,
    long Failures,
    int Restarts,
    TimeSpan MeanLatency,
    TimeSpan MaxLatency,
    string? LastError,
    IReadOnlyList<string> Operations)
{
    internal static PluginInfo Of(PluginDeployment deployment, PluginSpec[] history)
    {
        var connection = deployment.Connection;
        var state = deployment.IsDown ? "down" : connection is { Failure: null } ? "running" : "starting";
        var stats = deployment.Stats;
        var previous = history.Length > 1 ? history[^2].Version : null;
        return new PluginInfo(
            deployment.Spec.Name,
            deployment.Spec.Version,
            previous,
            state,
            connection?.ProcessId ?? 0,
            stats.Requests,
            stats.Failures,
            deployment.Restarts,
            stats.MeanLatency,
            stats.MaxLatency,
            deployment.LastError,
            connection is { Failure: null } running ? [.. running.Hello.Operations.Select(op => op.Name)] : []);
    }
}
