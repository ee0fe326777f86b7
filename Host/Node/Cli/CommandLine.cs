using System.Globalization;
using System.Net;
using DistSys.Runtime.Distribution;

namespace DistSys.Host.Cli;

/// <summary>
/// Parses the positional command line of the seed's usage lines. Every value from outside is
/// validated here, so the roles never see a bad host, port or name.
/// </summary>
internal static partial class CommandLine
{
    private const int MaxNameLength = 64;
    private const int MaxHostLength = 253;

    public static Command Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return new UsageError(null);
        }

        switch (args[0])
        {
            case "-h" or "--help" or "help":
                return new HelpCommand();
            case "--version" or "version":
                return new VersionCommand();
            case "plugin":
                return PluginCommandLine.Parse(args);
            case "client":
                return ClientCommandLine.Parse(args);
            case "demo":
                return Demo.DemoCommand.Parse(args);
            case "certs":
                return Certs.CertsCommand.Parse(args);
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
        IsValidHost(host) && TryParsePort(port, out var value) ? new Endpoint(host, value) : null;

    private static UsageError EndpointError(string host, string port, string what) =>
        !IsValidHost(host)
            ? new UsageError($"invalid {what}host '{host}': expected an IP address or a host name")
            : new UsageError($"invalid {what}port '{port}': expected a whole number from 1 to 65535");

    internal static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    internal static bool IsValidHost(string host)
    {
        if (host.Length is 0 or > MaxHostLength)
        {
            return false;
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(host, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        // Digits and dots only: must be a dotted quad. IPAddress.TryParse alone would take "70000" as 0.1.17.112.
        if (host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            var parts = host.Split('.');
            return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
        }

        // RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }

    internal static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
