using DistSys.Runtime;

namespace DistSys.Plugins.Manager;

/// <summary>Monitors a deployment's supervisor, so callers stop waiting for an instance once it gave up.</summary>
internal sealed class DeploymentWatcher(Pid supervisor, PluginDeployment deployment) : Behaviour
{
    protected override ValueTask InitAsync(ProcessContext context)
    {
        context.Monitor(supervisor);
        return default;
    }

    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        if (message is Down down)
        {
            deployment.MarkDown(down.Reason);
            context.Stop();
        }

        return default;
    }
}
