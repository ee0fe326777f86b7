using System.Text;

namespace DistSys.Host.Cli.Spec;

/// <summary>Draws the usage and each command's help from <see cref="CommandCatalog"/>.</summary>
internal static class HelpText
{
    private const int Width = 100;
    private const string Indent = "  ";

    /// <summary>The usage: every command's usage line, what each does, the node options and the notes (<c>--help</c>, and on stderr after a usage error).</summary>
    public static string Usage { get; } = DrawUsage();

    /// <summary>What a client usage error prints after its message: each verb's usage line.</summary>
    public static string ClientUsage { get; } = DrawClientUsage();

    /// <summary><c>COMMAND --help</c>: the usage lines, what it does, its subcommands, options, examples and notes.</summary>
    public static string For(CommandSpec spec)
    {
        if (ReferenceEquals(spec, CommandCatalog.Root))
        {
            return Usage;
        }

        var text = new StringBuilder();
        UsageLines(text, spec.Usage);
        text.AppendLine();
        Paragraph(text, spec.Summary, "");
        if (spec.Subcommands.Count > 0)
        {
            text.AppendLine().AppendLine("commands:");
            Table(text, spec.Subcommands.Select(s => (Synopsis(s), s.Summary)));
        }

        text.AppendLine().AppendLine("options:");
        Table(text, spec.Options.Concat(CommandCatalog.HelpOptions).Select(o => (o.Label, o.Description)));
        if (spec.Examples.Count > 0)
        {
            text.AppendLine().AppendLine("examples:");
            foreach (var example in spec.Examples)
            {
                text.Append(Indent).AppendLine(example);
            }
        }

        Notes(text, spec.Notes);
        return text.ToString();
    }

    private static string DrawUsage()
    {
        var root = CommandCatalog.Root;
        var text = new StringBuilder();
        UsageLines(text, root.Subcommands.SelectMany(c => c.Usage).Concat(root.Usage));
        text.AppendLine().AppendLine("commands:");
        Table(text, root.Subcommands.Select(c => (Word(c), c.Subcommands.Count == 0 || c == ToolSpecs.Completion
            ? c.Summary
            : $"{c.Summary}: {string.Join(", ", c.Subcommands.Select(s => s.Name))}")));
        Notes(text, root.Notes);
        text.AppendLine().AppendLine("options of master and NAME:");
        Table(text, NodeSpecs.Options.Select(o => (o.Label, o.Description)));
        Notes(text, NodeSpecs.Master.Notes);
        return text.ToString();
    }

    private static string DrawClientUsage()
    {
        var text = new StringBuilder();
        UsageLines(text, ClientSpecs.Client.Subcommands.SelectMany(s => s.Usage));
        var credentials = string.Join(" or ", ClientSpecs.Credentials.Take(2).Select(o => o.Label));
        text.AppendLine($"each also takes {credentials} (default: DISTSYS_API_TOKEN, DISTSYS_API_TOKEN_FILE, ~/.distsys.token), and --ca FILE.");
        foreach (var note in ClientSpecs.Wait.Notes)
        {
            text.AppendLine(note);
        }

        return text.ToString().TrimEnd('\n', '\r');
    }

    /// <summary>The word that starts the command, or for the worker line its NAME.</summary>
    internal static string Word(CommandSpec spec) => spec.IsWord ? spec.Name : spec.Usage[0].Split(' ')[0];

    private static string Synopsis(CommandSpec sub)
    {
        // "client HOST:PORT submit batch NAME [CONFIG_JSON] [--json]" lists as "submit batch NAME [CONFIG_JSON]".
        var usage = sub.Usage[0];
        var start = usage.IndexOf(" " + sub.Name, StringComparison.Ordinal) + 1;
        var options = usage.IndexOf(" [--", start, StringComparison.Ordinal);
        return start > 0 ? usage[start..(options < 0 ? usage.Length : options)] : sub.Name;
    }

    private static void UsageLines(StringBuilder text, IEnumerable<string> lines)
    {
        var prefix = "usage: ";
        foreach (var line in lines)
        {
            text.Append(prefix).Append(CommandCatalog.Program).Append(' ').AppendLine(line);
            prefix = "       ";
        }
    }

    private static void Notes(StringBuilder text, IReadOnlyList<string> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        text.AppendLine();
        foreach (var note in notes)
        {
            Paragraph(text, note, "");
        }
    }

    private static void Table(StringBuilder text, IEnumerable<(string Label, string Description)> rows)
    {
        var list = rows.ToList();
        var column = Math.Max(12, list.Max(r => r.Label.Length) + 2);
        foreach (var (label, description) in list)
        {
            Paragraph(text, description, Indent + label.PadRight(column), Indent + new string(' ', column));
        }
    }

    /// <summary>Words wrapped at <see cref="Width"/>: the first line after <paramref name="first"/>, the rest after <paramref name="rest"/>.</summary>
    private static void Paragraph(StringBuilder text, string paragraph, string first, string? rest = null)
    {
        var line = new StringBuilder(first);
        var empty = true;
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > Width)
            {
                text.AppendLine(line.ToString());
                line.Clear().Append(rest ?? first);
                empty = true;
            }

            line.Append(empty ? "" : " ").Append(word);
            empty = false;
        }

        text.AppendLine(line.ToString());
    }
}
