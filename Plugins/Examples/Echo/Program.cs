using System.Buffers;
using DistSys.Plugins.Sdk;

namespace DistSys.Plugins.Examples.Echo;

/// <summary>
/// The plugin the ring tests and benchmarks talk to: "echo" answers its input, "absorb" folds its input
/// into a running checksum (sent one-way, without a response) and "checksum" reports it. Started with
/// <c>--uds PATH</c> it serves the benchmarks' Unix-domain-socket baseline instead.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["--uds", var path])
        {
            return UnixSocketEcho.Serve(path);
        }

        var sum = new RunningChecksum();
        return PluginHost.Run(new PluginDefinition("echo", "1")
            .Operation("echo", static (input, output) => output.Write(input), idempotent: true)
            .Operation("absorb", sum.Absorb)
            .Operation("checksum", sum.Report, idempotent: true));
    }
}
