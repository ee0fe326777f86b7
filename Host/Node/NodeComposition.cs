using DistSys.Host.Hosting;
using DistSys.Host.Hosting.Diagnostics;
using DistSys.Host.Jobs;
using DistSys.Host.Plugins;
using DistSys.Host.Streams;
using DistSys.Jobs.Operations;

namespace DistSys.Host;

/// <summary>
/// The node's services, one line each (<c>XxxService.AddTo(context)</c>); the order of the lines is the
/// order they start in under the node supervisor and the reverse of the order they stop in. It sits at
/// the top with <see cref="Program"/>, which hands it to the host: the services depend on the host's
/// <see cref="NodeContext"/>, never the other way round.
/// </summary>
internal static class NodeComposition
{
    public static void AddServices(NodeContext context)
    {
        // One operation registry for both: the plugin service adds plugin:NAME operations the job service runs.
        // The stream service calls plugins (plugin:NAME operators) through the plugin service's bridge.
        var operations = OperationRegistry.CreateDefault();
        var plugins = PluginService.AddTo(context, operations);
        var streams = StreamService.AddTo(context, new StreamPluginBridge(plugins));
        JobService.AddTo(context, operations, streams);
        if (context.Settings.Diagnostics)
        {
            DiagnosticsService.AddTo(context);
        }
    }
}
