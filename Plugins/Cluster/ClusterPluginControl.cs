using DistSys.Plugins.Store;
using DistSys.Runtime;
using DistSys.Runtime.Distribution;
using DistSys.Supervision;

namespace DistSys.Plugins.Cluster;

/// <summary>
/// Cluster-wide plugin control: every node runs a plugin control process (see <see cref="StartAsync"/>);
/// the master sends a deploy, rollback or stop to every worker that is up and collects one outcome per
/// node. A deploy names its package by sha256; a worker that lacks it answers <c>artifact_missing</c> and
/// the master sends the package's bytes in chunks over the cluster protocol, then the deploy again. Every
/// node keeps each plugin's deploy history (the commands that succeeded on it) in its store's
/// <see cref="DeploymentLedger"/> and starts those versions again when it restarts; a worker that comes up
/// later receives the active version of every plugin the master runs.
/// </summary>
public sealed class ClusterPluginControl : IDisposable
{
    private static readonly TimeSpan RegistrationPoll = TimeSpan.FromMilliseconds(250);
    private readonly ClusterNode _cluster;
    private readonly PluginStore _store;
    private readonly DeploymentLedger _ledger;
    private readonly SemaphoreSlim _fanOut = new(1, 1);

    private ClusterPluginControl(ClusterNode cluster, PluginStore store, DeploymentLedger ledger, IReadOnlyList<string> restored)
    {
        _cluster = cluster;
        _store = store;
        _ledger = ledger;
        Restored = restored;
    }

    /// <summary>How long the master waits for one worker's outcome (a deploy starts and health-checks a process). 60 s.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>This node's name.</summary>
    public string NodeName => _cluster.Name;

    /// <summary>True on the master, the node that fans commands out.</summary>
    public bool IsMaster => _cluster.Role == NodeRole.Master;

    /// <summary>What the start did with the plugins this node ran before it restarted: one line per plugin (started, or why not).</summary>
    public IReadOnlyList<string> Restored { get; }

    /// <summary>The global name of a node's plugin control process.</summary>
    public static string ServerName(string node) => $"plugin_control@{node}";

    /// <summary>
    /// Starts again the plugins this node ran before it restarted (its ledger; each package verified against its
    /// sha256 first), then this node's plugin control process under the plugin manager's supervisor (it registers
    /// its global name as soon as the master answers). The message types must be registered
    /// (<see cref="PluginMessages.Register"/>) on every node.
    /// </summary>
    public static async Task<ClusterPluginControl> StartAsync(ClusterNode cluster, PluginManager manager, PluginStore store, PluginControlHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(store);
        hooks ??= PluginControlHooks.None;
        var ledger = DeploymentLedger.Open(store, out var refused);
        List<string> restored = [.. refused];
        foreach (var history in ledger.Histories())
        {
            restored.Add(await RestoreAsync(manager, store, ledger, history, hooks).ConfigureAwait(false));
        }

        var child = ChildSpec.Worker("plugin_control", () => new PluginControlServer(cluster, manager, store, ledger, hooks));
        var started = await Supervisor.StartChildAsync(cluster.Runtime, manager.SupervisorPid, child).ConfigureAwait(false);
        if (!started.IsOk)
        {
            throw new PluginException(PluginError.StartFailed, $"the plugin control process did not start: {started.Error} {started.Reason}");
        }

        var control = new ClusterPluginControl(cluster, store, ledger, restored);
        cluster.MemberChanged += control.OnMemberChanged;
        return control;
    }

    /// <summary>
    /// One plugin's history back into the manager: the versions whose packages verify, the last of them started.
    /// The ledger then holds what runs (nothing, when no version could start), so it never names a version this node does not run.
    /// </summary>
    private static async Task<string> RestoreAsync(PluginManager manager, PluginStore store, DeploymentLedger ledger, IReadOnlyList<PluginCommand> history, PluginControlHooks hooks)
    {
        var name = history[0].Name;
        var kept = new List<PluginCommand>();
        var specs = new List<PluginSpec>();
        string? refused = null;
        foreach (var command in history)
        {
            try
            {
                specs.Add(store.Spec(name, command.Version!, store.Verify(command.Sha256!), command.Entry!));
                kept.Add(command);
            }
            catch (Exception invalid) when (invalid is PluginException or ArgumentException)
            {
                refused = $"{name}@{command.Version}: {invalid.Message}";
            }
        }

        if (kept.Count == 0 || kept[^1] != history[^1])
        {
            ledger.Restored(name, []);
            return $"plugin {name} not restarted: {refused}";
        }

        try
        {
            var active = await manager.RestoreAsync(specs).ConfigureAwait(false);
            hooks.Activated?.Invoke(active);
            ledger.Restored(name, kept);
            return refused is null ? $"plugin {name}@{kept[^1].Version} restarted" : $"plugin {name}@{kept[^1].Version} restarted; dropped from its history: {refused}";
        }
        catch (PluginException failed)
        {
            ledger.Restored(name, []);
            return $"plugin {name}@{kept[^1].Version} not restarted: {failed.Message}";
        }
    }

    /// <summary>
    /// Records <paramref name="command"/> (which already succeeded on this node) in the node's deploy history and,
    /// on the master, runs it on every other node that is up (all at once) and returns the outcomes by node name;
    /// a node that cannot be reached or does not answer in time is an <c>unreachable</c> outcome. Empty on a worker.
    /// </summary>
    public async Task<IReadOnlyList<PluginNodeOutcome>> RunOnWorkersAsync(PluginCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!IsMaster)
        {
            _ledger.Apply(command);
            return [];
        }

        await _fanOut.WaitAsync().ConfigureAwait(false);
        try
        {
            _ledger.Apply(command);
            var workers = _cluster.Members.Where(member => member.IsUp && member.Name != _cluster.Name).Select(member => member.Name);
            var outcomes = await Task.WhenAll(workers.Select(node => RunOnAsync(node, command))).ConfigureAwait(false);
            return [.. outcomes.OrderBy(outcome => outcome.Node, StringComparer.Ordinal)];
        }
        finally
        {
            _fanOut.Release();
        }
    }

    /// <summary>The deploy command of each plugin's active version, as a worker that joins now receives them.</summary>
    public IReadOnlyList<PluginCommand> ActiveDeployments() => _ledger.Active();

    /// <summary>Stops following membership (no more syncs of joining workers).</summary>
    public void Dispose()
    {
        _cluster.MemberChanged -= OnMemberChanged;
        _fanOut.Dispose();
    }

    private void OnMemberChanged(MemberSnapshot member)
    {
        // Raised on a connection's read loop: the sync (which waits for the worker) runs elsewhere.
        if (IsMaster && member.IsUp && member.Name != _cluster.Name)
        {
            _ = Task.Run(() => TrySyncAsync(member.Name));
        }
    }

    private async Task TrySyncAsync(string node)
    {
        try
        {
            await SyncAsync(node).ConfigureAwait(false);
        }
        catch (Exception gone) when (gone is CallException or ObjectDisposedException or OperationCanceledException)
        {
            // The worker went down again, or this node is stopping: the next NodeUp syncs it.
        }
    }

    /// <summary>A worker came up: once its control process is registered, it gets every active deployment.</summary>
    private async Task SyncAsync(string node)
    {
        var deadline = DateTime.UtcNow + CommandTimeout;
        while (await _cluster.WhereisGlobalAsync(ServerName(node)).ConfigureAwait(false) is null)
        {
            if (DateTime.UtcNow > deadline || !_cluster.Members.Any(member => member.Name == node && member.IsUp))
            {
                return;
            }

            await Task.Delay(RegistrationPoll).ConfigureAwait(false);
        }

        await _fanOut.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var command in ActiveDeployments())
            {
                await RunOnAsync(node, command).ConfigureAwait(false);
            }
        }
        finally
        {
            _fanOut.Release();
        }
    }

    private async Task<PluginNodeOutcome> RunOnAsync(string node, PluginCommand command)
    {
        try
        {
            if (await _cluster.WhereisGlobalAsync(ServerName(node)).ConfigureAwait(false) is not { } server)
            {
                return new PluginNodeOutcome(node, false, "unreachable", $"node {node} has no plugin control process registered (yet)");
            }

            var outcome = await _cluster.Runtime.CallAsync<PluginNodeOutcome>(server, command, CommandTimeout).ConfigureAwait(false);
            if (outcome.Error != "artifact_missing" || command.Sha256 is null || !_store.TryGet(command.Sha256, out var artifact))
            {
                return outcome;
            }

            var sent = await SendArtifactAsync(server, artifact).ConfigureAwait(false);
            return sent.Ok ? await _cluster.Runtime.CallAsync<PluginNodeOutcome>(server, command, CommandTimeout).ConfigureAwait(false) : sent;
        }
        catch (CallException failed)
        {
            return new PluginNodeOutcome(node, false, "unreachable", $"node {node} did not answer: {failed.Message}");
        }
    }

    /// <summary>The package's bytes in order, one acknowledged chunk at a time (the worker verifies the sha256 at the end).</summary>
    private async Task<PluginNodeOutcome> SendArtifactAsync(Pid server, PluginArtifact artifact)
    {
        var package = _store.Read(artifact);
        PluginNodeOutcome outcome = new(NodeName, false, "invalid_artifact", "empty package");
        for (var offset = 0; offset < package.Length; offset += PluginArtifactChunk.MaxBytes)
        {
            var data = package.AsSpan(offset, Math.Min(PluginArtifactChunk.MaxBytes, package.Length - offset)).ToArray();
            outcome = await _cluster.Runtime.CallAsync<PluginNodeOutcome>(server, new PluginArtifactChunk(artifact.Sha256, package.Length, offset, data), CommandTimeout).ConfigureAwait(false);
            if (!outcome.Ok)
            {
                return outcome;
            }
        }

        return outcome;
    }
}
