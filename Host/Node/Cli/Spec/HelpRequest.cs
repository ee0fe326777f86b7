namespace DistSys.Host.Cli.Spec;

/// <summary>
/// Finds a request for help in a command line: <c>help [COMMAND [SUBCOMMAND]]</c>, or <c>--help</c> / <c>-h</c>
/// anywhere but as an option's value (<c>--cookie -h</c> is a cookie), naming the command it stands in.
/// </summary>
internal static class HelpRequest
{
    /// <summary>A <see cref="HelpCommand"/>, a <see cref="UsageError"/> for <c>help</c> naming nothing, or null when no help is asked.</summary>
    public static Command? Find(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return null;
        }

        if (args[0] == "help")
        {
            var path = args.Skip(1).ToList();
            if (path.Any(word => word is "--help" or "-h"))
            {
                return new HelpCommand(ToolSpecs.Help);
            }

            return CommandCatalog.Find(path) is { } named
                ? new HelpCommand(named)
                : new UsageError($"help: unknown command '{string.Join(' ', path)}'");
        }

        var positional = Positional(args, out var asked);
        if (!asked)
        {
            return null;
        }

        if (positional.Count == 0)
        {
            return new HelpCommand(CommandCatalog.Root);
        }

        // A first word that is no command is a worker's NAME (the seed's second line).
        var command = CommandCatalog.Root.Subcommand(positional[0]) is { IsWord: true } word ? word : NodeSpecs.Worker;
        var sub = positional.Skip(1).Select(command.Subcommand).FirstOrDefault(s => s is not null);
        return new HelpCommand(sub ?? command);
    }

    /// <summary>The words that are no option nor an option's value; <paramref name="asked"/> says whether --help or -h stood among the rest.</summary>
    private static List<string> Positional(IReadOnlyList<string> args, out bool asked)
    {
        asked = false;
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                asked = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (!arg.Contains('=', StringComparison.Ordinal) && TakesValue(arg))
                {
                    i++;
                }
            }
            else
            {
                positional.Add(arg);
            }
        }

        return positional;
    }

    private static bool TakesValue(string option) =>
        CommandCatalog.All().Any(c => c.Spec.Option(option) is { TakesValue: true });
}
