using System.Buffers;

namespace DistSys.Plugins.Ipc;

/// <summary>
/// A slot armed by <see cref="PluginManager"/> finishes the whole call itself: it leaves the deployment,
/// answers the version, and on an instance's death either retries an idempotent operation once (through
/// the manager's general path: a death is rare, so only it pays for an async method) or says why not.
/// </summary>
internal sealed partial class PendingCall
{
    private CallRoute? _route;
    private ReadOnlyMemory<byte> _payload;
    private string? _result;

    /// <summary>Arms the slot for a manager-level request; the task answers the version that responded.</summary>
    public ValueTask<string> Begin(ulong id, long deadline, IBufferWriter<byte> response, in CallRoute route, ReadOnlyMemory<byte> payload)
    {
        _route = route;
        _payload = payload;
        var version = _core.Version;
        Arm(id, deadline, counted: true, response);
        return new ValueTask<string>(this, version);
    }

    /// <returns>True when the failure is handled here (a retry was started).</returns>
    private bool FailRouted(CallRoute route, Exception error)
    {
        route.Deployment.Leave();
        if (error is not PluginException { Error: PluginError.InstanceDied } died)
        {
            return false;
        }

        if (!route.Idempotent)
        {
            _error = new PluginException(PluginError.InstanceDied, $"{died.Message}; operation '{route.Operation}' is not idempotent, so it was not retried", died);
            Signal(inline: false);
            return true;
        }

        _ = RetryAsync(route);
        return true;
    }

    private async Task RetryAsync(CallRoute route)
    {
        try
        {
            _result = await route.Manager.InvokeRoutedAsync(route.Name, route.Operation, _payload, _response!, route.Flags, firstAttempt: 1).ConfigureAwait(false);
        }
        catch (PluginException failed)
        {
            _error = failed;
        }

        Signal(inline: false);
    }
}
