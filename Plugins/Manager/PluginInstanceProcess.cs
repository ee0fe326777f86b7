using DistSys.Plugins.Ipc;
using DistSys.Runtime;

namespace DistSys.Plugins.Manager;

/// <summary>
/// The runtime process that owns one plugin instance, a worker under its deployment's supervisor. Its
/// init starts the OS process and runs the health check (a failure is a start failure); the instance's
/// death arrives as a message and ends this process abnormally, so the supervisor restarts it under its
/// restart intensity. Stopping it stops the OS process.
/// </summary>
internal sealed class PluginInstanceProcess(PluginDeployment deployment) : Behaviour
{
    private PluginConnection? _connection;

    protected override async ValueTask InitAsync(ProcessContext context)
    {
        var runtime = context.Runtime;
        var self = context.Self;
        try
        {
            _connection = await PluginConnection.StartAsync(deployment.Spec, deployment.Stats, deployment.Logger, reason => runtime.Send(self, new InstanceDied(reason))).ConfigureAwait(false);
        }
        catch (PluginException failed)
        {
            deployment.LastError = failed.Message;
            throw;
        }

        deployment.Install(_connection);
    }

    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        if (message is InstanceDied died)
        {
            deployment.LastError = $"{_connection} {died.Reason}";
            context.Stop(ExitReason.Custom($"plugin instance died: {died.Reason}"));
        }

        return default;
    }

    protected override void Terminate(ProcessContext context, ExitReason reason)
    {
        if (_connection is not null)
        {
            deployment.Uninstall(_connection);
            _connection.Dispose();
        }
    }

    private sealed record InstanceDied(string Reason);
}
