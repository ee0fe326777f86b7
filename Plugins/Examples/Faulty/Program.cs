using System.Buffers;
using DistSys.Plugins.Sdk;

namespace DistSys.Plugins.Examples.Faulty;

/// <summary>
/// A deliberately faulty plugin for the tests: each operation fails in one way a real plugin might.
/// Usage: <c>faulty [VERSION [unhealthy | probe]]</c>; "unhealthy" makes its health check fail; "probe"
/// tries to start a child process before the SDK runs (the "probe" operation reports how that went).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var version = args.Length > 0 ? args[0] : "1";
        var healthy = args.Length < 2 || args[1] != "unhealthy";
        if (args.Length > 1 && args[1] == "probe")
        {
            Probe.TryEarlyChild();
        }

        return PluginHost.Run(new PluginDefinition("faulty", version)
            .Operation("ok", static (input, output) => output.Write(input), idempotent: true)
            .Operation("slow", Faults.Slow, idempotent: true)
            .Operation("throw", static (_, _) => throw new InvalidOperationException("asked to throw"), idempotent: true)
            .Operation("failfast", static (_, _) => Faults.FailFast())
            .Operation("segv", static (_, _) => Faults.AccessViolation())
            .Operation("hang", static (_, _) => Faults.Hang())
            .Operation("hog", static (_, _) => Faults.HogMemory())
            .Operation("garbage", static (_, _) => Faults.ScribbleOnRing())
            .Operation("exit", static (_, _) => Environment.Exit(42))
            .Operation("spawn", static (_, _) => Faults.StartChildProcess())
            .Operation("probe", Probe.Run)
            .WithHealthCheck(() => healthy));
    }
}
