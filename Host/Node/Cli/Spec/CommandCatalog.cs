namespace DistSys.Host.Cli.Spec;

/// <summary>
/// The whole command tree: the one description of every command, its options and examples, from which
/// the usage, each <c>--help</c> and the bash completion script are drawn, and whose option names the
/// parsers accept.
/// </summary>
internal static class CommandCatalog
{
    public const string Program = "distributed_system";

    public static readonly IReadOnlyList<OptionSpec> HelpOptions =
    [
        new("--help", null, "show this help (also -h)"),
    ];

    public static readonly CommandSpec Root = new(Program, "a distributed runtime: master and worker nodes, a job client, plugins")
    {
        Usage = ["--help | --version"],
        Options = [.. HelpOptions, new("--version", null, "print the version")],
        Subcommands =
        [
            NodeSpecs.Master, NodeSpecs.Worker, ClientSpecs.Client, PluginSpecs.Plugin,
            ToolSpecs.Top, ToolSpecs.Certs, ToolSpecs.Start, ToolSpecs.Demo, ToolSpecs.Completion, ToolSpecs.Help,
        ],
        Notes =
        [
            "HOST is an IPv4/IPv6 address or a host name; PORT is 1-65535. NAME is 1-64 characters of letters, digits, '-' and '_'.",
            "One port serves both the cluster protocol and HTTP (GET /healthz, /api/cluster, /api/status). " +
            "Every HTTP request but GET /healthz needs Authorization: Bearer TOKEN, the node's API token.",
            "\"distributed_system COMMAND --help\" (or \"help COMMAND [SUBCOMMAND]\") shows a command's options and examples; " +
            "\"source <(distributed_system completion bash)\" completes them in bash.",
        ],
    };

    /// <summary>Every command below the root, with the path of words that names it (<c>client submit</c>).</summary>
    public static IEnumerable<(string Path, CommandSpec Spec)> All()
    {
        foreach (var command in Root.Subcommands)
        {
            yield return (command.Name, command);
            foreach (var sub in command.Subcommands)
            {
                yield return ($"{command.Name} {sub.Name}", sub);
            }
        }
    }

    /// <summary>The command a help request names: <c>[]</c> is the root, <c>["client", "submit"]</c> a verb; null when a word names nothing.</summary>
    public static CommandSpec? Find(IReadOnlyList<string> path)
    {
        var spec = Root;
        foreach (var word in path)
        {
            if (spec.Subcommand(word) is not { } next)
            {
                return null;
            }

            spec = next;
        }

        return spec;
    }
}
