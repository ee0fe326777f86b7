using DistSys.Host.Cli;

namespace DistSys.Host;

internal static class Program
{
    private static int Main(string[] args)
    {
        var parsed = CommandLine.Parse(args);
        switch (parsed)
        {
            case HelpCommand:
                Console.Out.Write(Usage.Text);
                return ExitCodes.Ok;
            case VersionCommand:
                Console.Out.WriteLine($"distributed_system {typeof(Program).Assembly.GetName().Version}");
                return ExitCodes.Ok;
            case UsageError error:
                if (error.Message is { } message)
                {
                    Console.Error.WriteLine($"distributed_system: {message}");
                }

                Console.Error.Write(Usage.Text);
                return ExitCodes.Usage;
            case PluginCommand plugin: return PluginClient.Run(plugin);
            case NodeCommand node:
                // The roles arrive with the distribution issue; until then say so plainly.
                Console.Error.WriteLine(
                    $"distributed_system: the {node.Role.ToString().ToLowerInvariant()} role is not available in this build yet");
                return ExitCodes.Failure;
            default:
                throw new InvalidOperationException($"unhandled command {parsed.GetType().Name}");
        }
    }
}
