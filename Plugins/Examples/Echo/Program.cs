using System.Buffers;
using DistSys.Plugins.Sdk;

namespace DistSys.Plugins.Examples.Echo;

/// <summary>
/// The plugin the ring tests and benchmarks talk to: "echo" answers its input, "absorb" folds its input
/// into a running checksum (sent one-way, without a response) and "checksum" reports it.
/// </summary>
internal static class Program
{
    private static int Main()
    {
        var sum = new RunningChecksum();
        return PluginHost.Run(new PluginDefinition("echo", "1")
            .Operation("echo", static (input, output) => output.Write(input), idempotent: true)
            .Operation("absorb", sum.Absorb)
            .Operation("checksum", sum.Report, idempotent: true));
    }
}
