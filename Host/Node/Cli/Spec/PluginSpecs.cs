namespace DistSys.Host.Cli.Spec;

/// <summary><c>plugin [HOST:PORT] list | deploy NAME VERSION PATH | rollback NAME | stop NAME</c>.</summary>
internal static class PluginSpecs
{
    private static readonly IReadOnlyList<OptionSpec> Common = [ClientSpecs.Json, .. ClientSpecs.Credentials];

    public static readonly CommandSpec List = Action("list", null, "list the node's plugins: version, state, process and statistics") with
    {
        Examples = ["distributed_system plugin localhost:8080 list", "distributed_system plugin list --json"],
    };

    public static readonly CommandSpec Deploy = Action("deploy", "NAME VERSION PATH",
        "pack PATH (a .dll's whole folder, else the file alone) and upload it as NAME at VERSION; a deployed NAME is hot-swapped") with
    {
        Arguments = ValueKind.File,
        Examples =
        [
            "distributed_system plugin localhost:8080 deploy wordfreq 1 Plugins/Examples/WordFreqV1/bin/Release/net10.0/DistSys.Plugins.Examples.WordFreqV1.dll",
            "distributed_system plugin localhost:8080 deploy wordfreq 2 Plugins/Examples/WordFreqV2/bin/Release/net10.0/DistSys.Plugins.Examples.WordFreqV2.dll",
        ],
    };

    public static readonly CommandSpec Rollback = Action("rollback", "NAME", "go back to the version NAME ran before the last deploy") with
    {
        Examples = ["distributed_system plugin localhost:8080 rollback wordfreq"],
    };

    public static readonly CommandSpec Stop = Action("stop", "NAME", "stop NAME and withdraw it (on a master: on every node)") with
    {
        Examples = ["distributed_system plugin localhost:8080 stop wordfreq"],
    };

    public static readonly CommandSpec Plugin = new("plugin", "manage a node's plugins (see docs/plugins.md)")
    {
        Usage = ["plugin [HOST:PORT] COMMAND [ARGS] [--json] [--token VALUE | --token-file FILE] [--ca FILE]"],
        Options = Common,
        Subcommands = [List, Deploy, Rollback, Stop],
        Examples = ["distributed_system plugin localhost:8080 list", "distributed_system plugin localhost:8080 stop wordfreq"],
        Notes =
        [
            "HOST:PORT is the node to manage (default 127.0.0.1:8080); on a master, deploy, rollback and stop reach every node.",
            "Exit codes: 0 done, 1 the node refused (its error on stderr) or a worker failed, 2 bad arguments.",
        ],
    };

    private static CommandSpec Action(string name, string? arguments, string summary) => new(name, summary)
    {
        Usage = [$"plugin [HOST:PORT] {name}{(arguments is null ? "" : " " + arguments)} [--json]"],
        Options = Common,
    };
}
