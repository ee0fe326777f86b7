namespace DistSys.Host.Cli.Spec;

/// <summary>
/// One option of a command, as its help shows it and its completion offers it: <c>--name VALUE</c>, or a
/// flag when <see cref="Value"/> is null. The parsers match the same <see cref="Name"/>, so help, completion
/// and parsing cannot disagree on what exists.
/// </summary>
internal sealed record OptionSpec(string Name, string? Value, string Description)
{
    /// <summary>The values completion offers after the option (a level, say); empty means free text or a path.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    public bool TakesValue => Value is not null;

    /// <summary>Completion offers directories, files or nothing after the option, by what its value names.</summary>
    public ValueKind Kind => Value switch
    {
        "DIR" => ValueKind.Directory,
        "FILE" => ValueKind.File,
        _ => ValueKind.Text,
    };

    public string Label => Value is null ? Name : $"{Name} {Value}";
}
