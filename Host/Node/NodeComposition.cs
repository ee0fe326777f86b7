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
        var operations = OperationRegistry.CreateDefault();
        var streams = StreamService.AddTo(context);
        JobService.AddTo(context, operations, streams);
        PluginService.AddTo(context, operations);
        if (context.Settings.Diagnostics)
        {
            DiagnosticsService.AddTo(context);
        }
    }
}
