using System.Buffers;
using System.Runtime.CompilerServices;
using DistSys.Plugins;
using DistSys.Streams;

namespace DistSys.Host.Plugins;

/// <summary>
/// The streams' side of the plugin runtime: a topology's <c>plugin:NAME</c> operator calls the node's plugin
/// manager through it, so Host/Streams never references Plugins. A call goes to the active version (a hot swap
/// switches the next batch); every failure of the plugin becomes a <see cref="StreamPluginException"/>, which the
/// engine counts and answers by replaying the batch.
/// </summary>
internal sealed class StreamPluginBridge(PluginService service) : IStreamPlugins
{
    /// <summary>How long a call waits for the node's plugin service to start (and restore its plugins) before it fails.</summary>
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(60);

    public (bool OfOperation, string Detail)? Refusal(string plugin, string? operation)
    {
        var info = service.Manager?.List().FirstOrDefault(p => p.Name == plugin);
        if (info is null)
        {
            return (false, $"no plugin '{plugin}' is deployed (deploy it first: POST /api/plugins)");
        }

        // Operations are known once an instance said hello; a plugin still starting is checked at its first call.
        return operation is null || info.Operations.Count == 0 || info.Operations.Contains(operation)
            ? null
            : (true, $"plugin '{plugin}' has no operation '{operation}' (it has: {string.Join(", ", info.Operations)})");
    }

    public async ValueTask<string> OperationAsync(string plugin, string? operation)
    {
        await StartedAsync().ConfigureAwait(false);
        if (operation is not null)
        {
            return operation;
        }

        var info = Manager().List().FirstOrDefault(p => p.Name == plugin) ?? throw new StreamPluginException($"no plugin '{plugin}' is deployed on this node");
        return info.Operations.Count > 0 ? info.Operations[0] : throw new StreamPluginException($"plugin '{plugin}' runs no instance on this node ({info.State})");
    }

    // Pooled, as the manager's call is: a steady stream of batches allocates nothing here.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask InvokeAsync(string plugin, string operation, ReadOnlyMemory<byte> events, IBufferWriter<byte> response)
    {
        if (!service.Started.IsCompleted)
        {
            await StartedAsync().ConfigureAwait(false);
        }

        try
        {
            await Manager().InvokeAsync(plugin, operation, events, response).ConfigureAwait(false);
        }
        catch (PluginException failed)
        {
            throw new StreamPluginException($"plugin {plugin}, operation {operation}: {failed.Message}", failed);
        }
    }

    /// <summary>A node that just (re)started runs its plugins again before it calls them: a resumed instance waits for that, bounded.</summary>
    private async Task StartedAsync()
    {
        try
        {
            await service.Started.WaitAsync(StartWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new StreamPluginException($"the plugin service did not start on this node within {StartWait.TotalSeconds:0} s");
        }
    }

    private PluginManager Manager() => service.Manager ?? throw new StreamPluginException("the plugin service has not started on this node");
}
