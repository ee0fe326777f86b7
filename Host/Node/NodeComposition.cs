using DistSys.Host.Node.Diagnostics;

namespace DistSys.Host.Node;

/// <summary>
/// The node's services, one line each (<c>XxxService.AddTo(context)</c>); the order of the lines is the
/// order they start in under the node supervisor and the reverse of the order they stop in.
/// </summary>
internal static class NodeComposition
{
    public static void AddServices(NodeContext context)
    {
        Jobs.JobService.AddTo(context);
        Plugins.PluginService.AddTo(context);
        if (context.Settings.Diagnostics)
        {
            DiagnosticsService.AddTo(context);
        }
    }
}
