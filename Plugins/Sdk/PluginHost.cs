using System.Globalization;
using DistSys.Plugins.Sdk.Internal;
using DistSys.Plugins.Sdk.Protocol;
using DistSys.Transport.SharedMemory;

namespace DistSys.Plugins.Sdk;

/// <summary>
/// The entry point of a plugin executable: <c>return PluginHost.Run(definition);</c> from Main. It opens
/// the channel the node created (path in <c>DISTSYS_PLUGIN_CHANNEL</c>), announces the plugin, sends
/// heartbeats and answers requests one at a time until the node says stop or goes away.
/// </summary>
public static class PluginHost
{
    /// <summary>Runs the plugin; returns the process exit code (0 when the node stopped it).</summary>
    public static int Run(PluginDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var path = Environment.GetEnvironmentVariable(PluginProtocol.ChannelVariable);
        if (string.IsNullOrEmpty(path))
        {
            Console.Error.WriteLine($"plugin {definition.Name}: started without {PluginProtocol.ChannelVariable}; plugins are started by a DistSys node");
            return PluginProtocol.BadStartExitCode;
        }

        // Before the channel is open and before any operation runs: no process this plugin starts.
        if (!ChildProcessFilter.TryInstall(out var failure))
        {
            Console.Error.WriteLine($"plugin {definition.Name}: cannot forbid child processes: {failure}");
            return PluginProtocol.BadStartExitCode;
        }

        var heartbeat = TimeSpan.FromMilliseconds(
            int.TryParse(Environment.GetEnvironmentVariable(PluginProtocol.HeartbeatVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is > 0 and <= 60_000 ? ms : 250);
        using var channel = SharedMemoryChannel.Open(path);
        var output = new ResponseWriter(channel.Writer);
        using var heartbeats = new Heartbeater(output, heartbeat);
        return new RequestLoop(definition, channel.Reader, output).Run();
    }
}
