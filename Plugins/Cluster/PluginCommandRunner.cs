using DistSys.Plugins.Store;

namespace DistSys.Plugins.Cluster;

/// <summary>
/// Runs a <see cref="PluginCommand"/> on one node's plugin manager and turns every expected failure
/// into an outcome value (a remote caller gets a reason, never an exception it cannot decode). What succeeded
/// goes into the node's <see cref="DeploymentLedger"/>. A deploy of exactly what the node already runs (a worker
/// that restarted with its plugins, synced by the master) is answered ok without a second start.
/// </summary>
internal static class PluginCommandRunner
{
    public static async Task<PluginNodeOutcome> RunAsync(string node, PluginManager manager, PluginStore store, PluginCommand command, PluginControlHooks hooks, DeploymentLedger ledger)
    {
        var (outcome, changed) = await RunAsync(node, manager, store, command, hooks).ConfigureAwait(false);
        if (changed)
        {
            ledger.Apply(command);
        }

        return outcome;
    }

    /// <summary>The outcome, and whether the command changed what the node runs (a success that was not a no-op).</summary>
    private static async Task<(PluginNodeOutcome Outcome, bool Changed)> RunAsync(string node, PluginManager manager, PluginStore store, PluginCommand command, PluginControlHooks hooks)
    {
        try
        {
            switch (command)
            {
                case { Kind: PluginCommandKind.Deploy, Version: { Length: > 0 } version, Sha256: { Length: > 0 } sha, Entry: { Length: > 0 } entry }:
                    if (!store.TryGet(sha, out var artifact))
                    {
                        return (new(node, false, "artifact_missing", $"node {node} does not hold package {sha}"), false);
                    }

                    var spec = store.Spec(command.Name, version, artifact, entry);
                    return manager.Runs(spec)
                        ? (new(node, true, Version: version), false)
                        : (Activated(node, await manager.DeployAsync(spec).ConfigureAwait(false), hooks), true);
                case { Kind: PluginCommandKind.Rollback }:
                    return (Activated(node, await manager.RollbackAsync(command.Name).ConfigureAwait(false), hooks), true);
                case { Kind: PluginCommandKind.Stop }:
                    if (!await manager.StopAsync(command.Name).ConfigureAwait(false))
                    {
                        return (new(node, false, "not_deployed", $"no plugin '{command.Name}' is deployed on node {node}"), false);
                    }

                    hooks.Stopped?.Invoke(command.Name);
                    return (new(node, true), true);
                default:
                    return (new(node, false, "invalid_request", $"{command.Kind} of '{command.Name}' lacks a version or a package"), false);
            }
        }
        catch (ArgumentException invalid)
        {
            return (new(node, false, "invalid_request", invalid.Message), false);
        }
        catch (PluginException failed)
        {
            return (new(node, false, ErrorCode(failed.Error), failed.Message), false);
        }
    }

    /// <summary>The REST API's code for a plugin error.</summary>
    public static string ErrorCode(PluginError error) => error switch
    {
        PluginError.NotDeployed => "not_deployed",
        PluginError.NoPreviousVersion => "no_previous_version",
        PluginError.InvalidArtifact => "invalid_artifact",
        _ => "start_failed",
    };

    private static PluginNodeOutcome Activated(string node, PluginInfo active, PluginControlHooks hooks)
    {
        hooks.Activated?.Invoke(active);
        return new(node, true, Version: active.Version);
    }
}
