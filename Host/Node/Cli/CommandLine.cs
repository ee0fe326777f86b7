using DistSys.Host.Cli.Spec;
using DistSys.Runtime.Distribution;

namespace DistSys.Host.Cli;

/// <summary>
/// Parses the positional command line of the seed's usage lines. Every value from outside is
/// validated here, so the roles never see a bad host, port or name.
/// </summary>
internal static partial class CommandLine
{
    private const int MaxNameLength = 64;

    public static Command Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return new UsageError(null);
        }

        if (HelpRequest.Find(args) is { } help)
        {
            return help;
        }

        switch (args[0])
        {
            case "--version" or "version":
                return new VersionCommand();
            case "plugin":
                return PluginCommandLine.Parse(args);
            case "client":
                return ClientCommandLine.Parse(args);
            case "demo":
                return DemoCommand.Parse(args);
            case "start":
                return StartCommand.Parse(args);
            case "top":
                return TopCommand.Parse(args);
            case "certs":
                return CertsCommand.Parse(args);
            case "completion":
                return CompletionCommand.Parse(args);
            default:
                return ParseNode(args);
        }
    }

    /// <summary>A master or worker line; node options may stand before or after the positional arguments.</summary>
    private static Command ParseNode(IReadOnlyList<string> args)
    {
        var positional = new List<string>(5);
        if (SplitOptions(args, positional, out var options) is { } optionError)
        {
            return optionError;
        }

        if (positional.Count == 0)
        {
            return new UsageError("options alone start nothing: give master HOST PORT or NAME HOST PORT MASTER_HOST MASTER_PORT");
        }

        var command = positional[0] switch
        {
            "master" => positional.Count == 3
                ? ParseNode(NodeRole.Master, "master", positional[1], positional[2], null, null)
                : new UsageError("master takes HOST PORT"),
            var first when first.StartsWith('-') => new UsageError($"unknown option '{first}'"),
            var first => positional.Count == 5
                ? ParseNode(NodeRole.Worker, first, positional[1], positional[2], positional[3], positional[4])
                : new UsageError($"unknown command '{first}' (a worker takes NAME HOST PORT MASTER_HOST MASTER_PORT)"),
        };
        return command is NodeCommand node ? node with { Options = options } : command;
    }

    private static Command ParseNode(NodeRole role, string name, string host, string port, string? masterHost, string? masterPort)
    {
        if (!IsValidName(name))
        {
            return new UsageError($"invalid node name '{name}': use 1-{MaxNameLength} letters, digits, '-' or '_'");
        }

        if (ParseEndpoint(host, port) is not Endpoint listen)
        {
            return EndpointError(host, port, "");
        }

        if (masterHost is null || masterPort is null)
        {
            return new NodeCommand(role, name, listen, null);
        }

        return ParseEndpoint(masterHost, masterPort) is Endpoint master
            ? new NodeCommand(role, name, listen, master)
            : EndpointError(masterHost, masterPort, "master ");
    }

    private static Endpoint? ParseEndpoint(string host, string port) =>
        Endpoint.IsValidHost(host) && Endpoint.TryParsePort(port, out var value) ? new Endpoint(host, value) : null;

    private static UsageError EndpointError(string host, string port, string what) =>
        !Endpoint.IsValidHost(host)
            ? new UsageError($"invalid {what}host '{host}': expected an IP address or a host name")
            : new UsageError($"invalid {what}port '{port}': expected a whole number from 1 to 65535");

    internal static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
