using System.Buffers;

namespace DistSys.Streams;

/// <summary>
/// The plugins a topology's <c>plugin:NAME</c> operators call. The node's plugin bridge implements it
/// (Host/Node), so the streaming engine never references the plugin runtime (ARCHITECTURE.md, "Modules").
/// </summary>
internal interface IStreamPlugins
{
    /// <summary>
    /// Null when plugin <paramref name="plugin"/> is deployed on this node with <paramref name="operation"/> (its first
    /// when null); else why not, for a 400, and whether the operation (not the plugin) is what is missing.
    /// </summary>
    (bool OfOperation, string Detail)? Refusal(string plugin, string? operation);

    /// <summary>
    /// The operation a call goes to: <paramref name="operation"/>, or the plugin's first when null (once the node's
    /// plugins run: after a restart the node starts them again, and an instance resumed before that waits).
    /// </summary>
    /// <exception cref="StreamPluginException">The plugin is not deployed or runs no instance.</exception>
    ValueTask<string> OperationAsync(string plugin, string? operation);

    /// <summary>Sends <paramref name="events"/> (NDJSON lines) to the plugin and appends its answer (NDJSON lines) to <paramref name="response"/>.</summary>
    /// <exception cref="StreamPluginException">The call failed (the plugin threw, died, timed out, or is not deployed).</exception>
    ValueTask InvokeAsync(string plugin, string operation, ReadOnlyMemory<byte> events, IBufferWriter<byte> response);
}
