using DistSys.Host.Hosting.Diagnostics;

namespace DistSys.Host.Hosting;

/// <summary>
/// The node's services, one line each (<c>XxxService.AddTo(context)</c>); the order of the lines is the
/// order they start in under the node supervisor and the reverse of the order they stop in.
/// </summary>
internal static class NodeComposition
{
    public static void AddServices(NodeContext context)
    {
        // One operation registry for both: the plugin service adds plugin:NAME operations the job service runs.
        var operations = DistSys.Jobs.Operations.OperationRegistry.CreateDefault();
        Jobs.JobService.AddTo(context, operations);
        Plugins.PluginService.AddTo(context, operations);
        if (context.Settings.Diagnostics)
        {
            DiagnosticsService.AddTo(context);
        }
    }
}
