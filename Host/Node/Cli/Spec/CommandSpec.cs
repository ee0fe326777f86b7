namespace DistSys.Host.Cli.Spec;

/// <summary>
/// One command or subcommand of <c>distributed_system</c>: what <c>--help</c> prints for it and what bash
/// completion offers. <see cref="CommandCatalog"/> holds the whole tree; nothing else describes a command.
/// </summary>
internal sealed record CommandSpec(string Name, string Summary)
{
    /// <summary>The usage lines after <c>distributed_system</c>, e.g. <c>master HOST PORT [OPTIONS]</c>.</summary>
    public IReadOnlyList<string> Usage { get; init; } = [];

    public IReadOnlyList<OptionSpec> Options { get; init; } = [];

    public IReadOnlyList<CommandSpec> Subcommands { get; init; } = [];

    /// <summary>Whole command lines that work as written.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>Paragraphs after the options: exit codes, defaults, where to read more.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>What completion offers for the command's own arguments: files (deploy's PATH), directories (certs' DIR) or nothing.</summary>
    public ValueKind Arguments { get; init; } = ValueKind.Text;

    /// <summary>
    /// False for the worker line, whose first word is the worker's own name: completion must not offer
    /// "worker" as if it were a keyword.
    /// </summary>
    public bool IsWord { get; init; } = true;

    public CommandSpec? Subcommand(string name) => Subcommands.FirstOrDefault(c => c.Name == name);

    public OptionSpec? Option(string name) => Options.FirstOrDefault(o => o.Name == name);
}
