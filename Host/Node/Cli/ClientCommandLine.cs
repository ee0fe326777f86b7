using System.Globalization;

namespace DistSys.Host.Cli;

/// <summary>
/// Parses <c>client HOST:PORT VERB [ARGS] [--json] [--timeout S] [--out FILE] [--token VALUE | --token-file FILE] [--ca FILE]</c>; every mistake is a
/// <see cref="UsageError"/> naming it (exit 2).
/// </summary>
internal static class ClientCommandLine
{
    /// <summary>Each verb's usage line, printed after a client usage error (drawn from <see cref="Spec.ClientSpecs"/>).</summary>
    public static string Usage => Spec.HelpText.ClientUsage;

    private const int MaxMasters = 16;

    public static Command Parse(IReadOnlyList<string> args)
    {
        // args[0] is "client".
        var rest = args.Skip(1).ToList();
        if (TokenArgs.Extract(rest, out var tokens) is { } tokenError)
        {
            return Error(tokenError);
        }

        var positional = new List<string>();
        bool json = false;
        string? timeout = null, outFile = null;
        for (var i = 0; i < rest.Count; i++)
        {
            var arg = rest[i];
            switch (arg)
            {
                case "--json":
                    json = true;
                    break;
                case "--timeout" or "--out" when i + 1 >= rest.Count:
                    return Error($"{arg} needs a value");
                case "--timeout":
                    timeout = rest[++i];
                    break;
                case "--out":
                    outFile = rest[++i];
                    break;
                default:
                    if (arg.StartsWith("--timeout=", StringComparison.Ordinal))
                    {
                        timeout = arg["--timeout=".Length..];
                    }
                    else if (arg.StartsWith("--out=", StringComparison.Ordinal))
                    {
                        outFile = arg["--out=".Length..];
                    }
                    else if (arg.StartsWith("--", StringComparison.Ordinal))
                    {
                        // The options handled above are the ones ClientSpecs lists (CommandCatalogTests holds the two together).
                        return Error($"unknown option '{arg}'");
                    }
                    else
                    {
                        positional.Add(arg);
                    }

                    break;
            }
        }

        if (positional.Count < 2)
        {
            return Error(positional.Count == 0 ? "client needs HOST:PORT and a command" : "client needs a command after HOST:PORT");
        }

        var addresses = positional[0].Split(',');
        if (addresses.Length > MaxMasters)
        {
            return Error($"at most {MaxMasters} master addresses, comma-separated");
        }

        var masters = new Endpoint[addresses.Length];
        for (var i = 0; i < addresses.Length; i++)
        {
            if (!Endpoint.TryParse(addresses[i], out masters[i]))
            {
                return Error($"invalid master address '{addresses[i]}': expected HOST:PORT (several: HOST:PORT,HOST:PORT)");
            }
        }

        var command = Verb(masters[0], positional[1], positional.Skip(2).ToList());
        if (command is not ClientCommand client)
        {
            return command;
        }

        client = client with { OtherMasters = masters[1..] };

        if (timeout is not null && client.Verb != ClientVerb.Wait)
        {
            return Error("--timeout applies to wait only");
        }

        if (outFile is not null && client.Verb != ClientVerb.Results)
        {
            return Error("--out applies to results only");
        }

        TimeSpan? limit = null;
        if (timeout is not null)
        {
            if (!double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds > 86_400)
            {
                return Error($"invalid --timeout '{timeout}': expected seconds, more than 0 and at most 86400");
            }

            limit = TimeSpan.FromSeconds(seconds);
        }

        return client with { Json = json, Timeout = limit, OutFile = outFile, Tokens = tokens };
    }

    private static Command Verb(Endpoint master, string verb, List<string> rest)
    {
        switch (verb)
        {
            case "submit":
                if (rest.Count is < 2 or > 3 || rest[0] is not ("batch" or "streaming") || (rest[0] == "streaming" && rest.Count != 3))
                {
                    return Error(rest.Count > 0 && rest[0] is not ("batch" or "streaming")
                        ? $"unknown job type '{rest[0]}': batch or streaming"
                        : "submit takes: batch NAME [CONFIG_JSON] or streaming NAME TOPOLOGY_JSON|@FILE");
                }

                return new ClientCommand(master, ClientVerb.Submit) { Type = rest[0], Argument = rest[1], Config = rest.Count == 3 ? rest[2] : null };
            case "status" or "wait" or "results" or "cancel" or "retry" or "stop":
                return rest.Count == 1
                    ? new ClientCommand(master, verb == "stop" ? ClientVerb.Cancel : Enum.Parse<ClientVerb>(verb, ignoreCase: true)) { Argument = rest[0] }
                    : Error($"{verb} takes exactly one JOB id");
            case "tail":
                return rest.Count == 2
                    ? new ClientCommand(master, ClientVerb.Tail) { Argument = rest[0], Sink = rest[1] }
                    : Error("tail takes a JOB id and a collect SINK node");
            case "list" or "workers" or "masters":
                return rest.Count == 0
                    ? new ClientCommand(master, Enum.Parse<ClientVerb>(verb, ignoreCase: true))
                    : Error($"{verb} takes no arguments");
            default:
                return Error($"unknown client command '{verb}'");
        }
    }

    private static ClientUsageError Error(string message) => new(message);
}
