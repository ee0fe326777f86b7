using DistSys.Runtime;
using DistSys.Runtime.Distribution;
using DistSys.Plugins.Store;

namespace DistSys.Plugins.Cluster;

/// <summary>
/// A node's plugin control process (a worker under the plugin manager's supervisor): registered
/// cluster-wide as <c>plugin_control@NODE</c>, it answers the master's <see cref="PluginCommand"/> calls
/// with a <see cref="PluginNodeOutcome"/>, one command at a time, and records what succeeded in the node's ledger. Registration needs the master, so it
/// is retried until it succeeds rather than failing the start of a worker that has not joined yet.
/// </summary>
internal sealed class PluginControlServer(ClusterNode cluster, PluginManager manager, PluginStore store, DeploymentLedger ledger, PluginControlHooks hooks) : GenServer
{
    private readonly ArtifactReceiver _receiver = new(cluster.Name, store);

    private static readonly TimeSpan RegisterRetry = TimeSpan.FromMilliseconds(250);
    private static readonly object Register = new();

    protected override ValueTask InitAsync(ProcessContext context)
    {
        context.Send(context.Self, Register);
        return default;
    }

    protected override async ValueTask<object?> HandleCallAsync(ProcessContext context, object request) => request switch
    {
        PluginCommand command => await PluginCommandRunner.RunAsync(cluster.Name, manager, store, command, hooks, ledger).ConfigureAwait(false),
        PluginArtifactChunk chunk => _receiver.Receive(chunk),
        _ => new PluginNodeOutcome(cluster.Name, false, "invalid_request", $"not a plugin command: {request.GetType().Name}"),
    };

    protected override async ValueTask HandleInfoAsync(ProcessContext context, object message)
    {
        if (message != Register)
        {
            return;
        }

        bool registered;
        try
        {
            var name = ClusterPluginControl.ServerName(cluster.Name);
            registered = await cluster.WhereisGlobalAsync(name).ConfigureAwait(false) == context.Self
                || await cluster.RegisterGlobalAsync(name, context.Self).ConfigureAwait(false);
        }
        catch (Exception unreachable) when (unreachable is not OutOfMemoryException)
        {
            // The master is not reachable yet (or the call failed): whatever the cause, try again later.
            registered = false;
        }

        if (!registered)
        {
            context.SendAfter(Register, RegisterRetry);
        }
    }
}
