using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DistSys.Plugins.Manager;
using DistSys.Transport.Framing;

namespace DistSys.Plugins;

/// <summary>
/// Requests, from any number of threads: routed to the active version, matched to responses by id,
/// and retried once on the restarted instance when the instance dies mid-request and the operation
/// is idempotent.
/// </summary>
public sealed partial class PluginManager
{
    /// <summary>Runs <paramref name="operation"/> of plugin <paramref name="name"/> on <paramref name="payload"/>.</summary>
    /// <param name="name">The plugin.</param>
    /// <param name="operation">One of the operations its hello announced.</param>
    /// <param name="payload">The request: raw bytes, or MessagePack when <paramref name="messagePack"/> (passed on as the frame's flag).</param>
    /// <param name="messagePack">Marks the payload as MessagePack.</param>
    /// <returns>The response, copied into a new array, and the version that produced it.</returns>
    /// <exception cref="PluginException">The request failed; <see cref="PluginException.Error"/> says why.</exception>
    public async Task<PluginReply> InvokeAsync(string name, string operation, ReadOnlyMemory<byte> payload, bool messagePack = false)
    {
        var response = new ArrayBufferWriter<byte>();
        var version = await InvokeAsync(name, operation, payload, response, messagePack).ConfigureAwait(false);
        return new PluginReply(version, response.WrittenSpan.ToArray());
    }

    /// <summary>
    /// Runs <paramref name="operation"/> of plugin <paramref name="name"/> on <paramref name="payload"/> and
    /// appends the response to <paramref name="response"/>: in the steady state this allocates nothing
    /// (the request's completion slot and this method's state are pooled). Await the result exactly once.
    /// </summary>
    /// <param name="name">The plugin.</param>
    /// <param name="operation">One of the operations its hello announced.</param>
    /// <param name="payload">The request: raw bytes, or MessagePack when <paramref name="messagePack"/>.</param>
    /// <param name="response">Receives the response body (written before the task completes; untouched on failure).</param>
    /// <param name="messagePack">Marks the payload as MessagePack.</param>
    /// <returns>The version of the plugin that answered.</returns>
    /// <exception cref="PluginException">The request failed; <see cref="PluginException.Error"/> says why.</exception>
    public ValueTask<string> InvokeAsync(string name, string operation, ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, bool messagePack = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        return PluginTracing.Enabled
            ? PluginTracing.TraceAsync(this, name, operation, payload, response, messagePack)
            : InvokeUntracedAsync(name, operation, payload, response, messagePack);
    }

    /// <summary>A request without its span (<see cref="PluginTracing"/> wraps this one when tracing is on).</summary>
    internal ValueTask<string> InvokeUntracedAsync(string name, string operation, ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, bool messagePack)
    {
        var flags = messagePack ? FrameFlags.MessagePack : FrameFlags.Raw;
        var deployment = Enter(name);
        if (deployment.Connection is not { Failure: null } connection || !connection.TryFindOperation(operation, out var target, out var idempotent))
        {
            // Starting, restarting or an unknown operation: the general path waits or explains.
            deployment.Leave();
            return InvokeRoutedAsync(name, operation, payload, response, flags, firstAttempt: 0);
        }

        try
        {
            // The steady state: no async method, the pending slot finishes the call (and leaves the deployment).
            return connection.InvokeAsync(target, payload, response, new Ipc.CallRoute(this, deployment, name, operation, idempotent, flags));
        }
        catch
        {
            deployment.Leave();
            throw;
        }
    }

    /// <summary>The general path: waits for an instance, and retries an idempotent operation once when its instance dies.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<string> InvokeRoutedAsync(string name, string operation, ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, FrameFlags flags, int firstAttempt)
    {
        for (var attempt = firstAttempt; ; attempt++)
        {
            var deployment = Enter(name);
            try
            {
                var connection = await deployment.WaitForInstanceAsync(deployment.Spec.Limits.StartTimeout).ConfigureAwait(false);
                if (!connection.TryFindOperation(operation, out var target, out var idempotent))
                {
                    ThrowUnknownOperation(deployment.Spec, operation);
                }

                try
                {
                    await connection.InvokeAsync(target, payload, flags, response).ConfigureAwait(false);
                    return deployment.Spec.Version;
                }
                catch (PluginException died) when (died.Error == PluginError.InstanceDied && !(idempotent && attempt == 0))
                {
                    var why = idempotent ? "it already failed once on a restarted instance" : $"operation '{operation}' is not idempotent, so it was not retried";
                    throw new PluginException(PluginError.InstanceDied, $"{died.Message}; {why}", died);
                }
                catch (PluginException died) when (died.Error == PluginError.InstanceDied)
                {
                    // Idempotent and first attempt: retried on the instance the supervisor restarts.
                }
            }
            finally
            {
                deployment.Leave();
            }
        }
    }

    /// <summary>The running instance of a plugin's active version (tests and benchmarks drive it directly).</summary>
    internal async Task<Ipc.PluginConnection> InstanceAsync(string name)
    {
        var deployment = Enter(name);
        try
        {
            return await deployment.WaitForInstanceAsync(deployment.Spec.Limits.StartTimeout).ConfigureAwait(false);
        }
        finally
        {
            deployment.Leave();
        }
    }

    private PluginDeployment Enter(string name) =>
        (_routes.TryGetValue(name, out var route) ? route.Enter() : null)
        ?? throw new PluginException(PluginError.NotDeployed, $"no plugin '{name}' is deployed");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnknownOperation(PluginSpec spec, string operation) =>
        throw new PluginException(PluginError.UnknownOperation, $"plugin {spec} has no operation '{operation}'");
}
