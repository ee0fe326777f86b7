using System.Buffers;
using System.Diagnostics;

namespace DistSys.Plugins;

/// <summary>
/// The module's ActivitySource (docs/metrics.md, "Traces"): a <c>plugin.request</c> span per request,
/// from the call to the response or the failure, a child of the caller's current span (a task attempt
/// running a plugin operation, say), tagged with the plugin, operation and the version that answered.
/// With no listener the request takes its untraced path at the first check: nothing is allocated.
/// </summary>
internal static class PluginTracing
{
    public const string SourceName = "DistSys.Plugins";

    private static readonly ActivitySource s_source = new(SourceName);

    public static bool Enabled => s_source.HasListeners();

    public static async ValueTask<string> TraceAsync(
        PluginManager manager, string name, string operation, ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, bool messagePack)
    {
        using var span = s_source.StartActivity("plugin.request", ActivityKind.Client);
        span?.SetTag("distsys.plugin", name).SetTag("distsys.plugin.operation", operation);
        try
        {
            var version = await manager.InvokeUntracedAsync(name, operation, payload, response, messagePack).ConfigureAwait(false);
            span?.SetTag("distsys.plugin.version", version).SetTag("distsys.outcome", "ok");
            return version;
        }
        catch (PluginException failed)
        {
            span?.SetTag("distsys.outcome", "error").SetTag("distsys.plugin.error", failed.Error.ToString());
            span?.SetStatus(ActivityStatusCode.Error, failed.Error.ToString());
            throw;
        }
    }
}
