using DistSys.Host.Cli;
using DistSys.Host.Hosting;
using DistSys.Host.Hosting.Settings;

namespace DistSys.Host;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var clock = new StartClock();
        using var signal = new ShutdownSignal();
        var parsed = CommandLine.Parse(args);
        switch (parsed)
        {
            case HelpCommand help:
                Console.Out.Write(Cli.Spec.HelpText.For(help.Topic));
                return ExitCodes.Ok;
            case CompletionCommand:
                Console.Out.Write(Cli.Spec.BashCompletion.Script);
                return ExitCodes.Ok;
            case VersionCommand:
                Console.Out.WriteLine($"distributed_system {typeof(Program).Assembly.GetName().Version}");
                return ExitCodes.Ok;
            case UsageError error:
                if (error.Message is { } message)
                {
                    Console.Error.WriteLine($"distributed_system: {message}");
                }

                Console.Error.Write(Cli.Spec.HelpText.Usage);
                return ExitCodes.Usage;
            case PluginClientCommand plugin:
                return PluginClient.Run(plugin, Console.Out, Console.Error);
            case ClientCommand or ClientUsageError:
                return await ClientRunner.RunAsync(parsed, Console.Out, Console.Error, !Console.IsOutputRedirected).ConfigureAwait(false);
            case TopCommand top:
                return await TopRunner.RunAsync(top, Console.Out, Console.Error, ConsoleKey, !Console.IsOutputRedirected, TimeSpan.FromSeconds(1), signal.Token)
                    .ConfigureAwait(false);
            case CertsCommand certs:
                return Certs.CertsWriter.Run(certs, Console.Out, Console.Error);
            case DemoCommand { Ha: true } demo when demo.HaStore(Environment.GetEnvironmentVariable("DISTSYS_STORE")) is null:
                Console.Error.WriteLine($"distributed_system: {DemoCommand.NeedsStore}");
                return ExitCodes.Usage;
            case DemoCommand demo:
                return await Demo.DemoRunner.RunAsync(Console.Out, demo.Ha ? demo.HaStore(Environment.GetEnvironmentVariable("DISTSYS_STORE")) : null, signal.Token)
                    .ConfigureAwait(false);
            case StartCommand start:
                return await Start.StartRunner.RunAsync(start, Console.Out, signal.Token).ConfigureAwait(false);
            case NodeCommand node:
                return await RunNodeAsync(node, clock, signal).ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"unhandled command {parsed.GetType().Name}");
        }
    }

    /// <summary>The key waiting on the terminal, if any; nothing when stdin is not a terminal (top then refreshes until Ctrl-C).</summary>
    private static char? ConsoleKey() => !Console.IsInputRedirected && Console.KeyAvailable ? Console.ReadKey(intercept: true).KeyChar : null;

    private static async Task<int> RunNodeAsync(NodeCommand command, StartClock clock, ShutdownSignal signal)
    {
        ProcessUmask.Enforce();
        NodeSettings settings;
        try
        {
            settings = NodeSettingsLoader.Load(command);
        }
        catch (SettingException ex)
        {
            // A config error is a usage error: exit 2, one line naming the setting, no usage text to bury it.
            await Console.Error.WriteLineAsync($"distributed_system: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        clock.Mark("settings");
        return await NodeHost.RunAsync(settings, NodeComposition.AddServices, clock, signal).ConfigureAwait(false);
    }
}
