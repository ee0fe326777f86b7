namespace DistSys.Host.Cli;

/// <summary>Parses <c>plugin ...</c> (see <see cref="PluginClientCommand"/>); every value is checked here.</summary>
internal static class PluginCommandLine
{
    private static readonly Endpoint DefaultNode = new("127.0.0.1", 8080);

    public static Command Parse(IReadOnlyList<string> args)
    {
        var rest = args.Skip(1).ToList();
        if (TokenArgs.Extract(rest, out var tokens) is { } tokenError)
        {
            return new UsageError(tokenError);
        }

        // --json, like the job commands' (ClientSpecs.Json), may stand anywhere.
        var json = rest.RemoveAll(arg => arg == Spec.ClientSpecs.Json.Name) > 0;
        var node = DefaultNode;
        if (rest.Count > 0 && rest[0].Contains(':', StringComparison.Ordinal))
        {
            if (!Endpoint.TryParse(rest[0], out var parsed))
            {
                return new UsageError($"invalid node '{rest[0]}': expected HOST:PORT");
            }

            node = parsed;
            rest.RemoveAt(0);
        }

        Command command = rest switch
        {
            ["list"] => new PluginClientCommand(node, PluginAction.List),
            ["deploy", var name, var version, var path] => new PluginClientCommand(node, PluginAction.Deploy, name, version, System.IO.Path.GetFullPath(path)),
            ["rollback", var name] => new PluginClientCommand(node, PluginAction.Rollback, name),
            ["stop", var name] => new PluginClientCommand(node, PluginAction.Stop, name),
            _ => new UsageError("plugin takes [HOST:PORT] [--token VALUE | --token-file FILE] list | deploy NAME VERSION PATH | rollback NAME | stop NAME"),
        };
        return command is PluginClientCommand plugin ? plugin with { Tokens = tokens, Json = json } : command;
    }
}
