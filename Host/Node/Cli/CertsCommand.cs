
namespace DistSys.Host.Cli;

/// <summary>
/// <c>certs DIR --nodes NAME[,NAME...] [--days N]</c>: a CA and one certificate per node for a test cluster's
/// mutual TLS (docs/security.md, "Cluster links and TLS").
/// </summary>
internal sealed record CertsCommand(string Directory, IReadOnlyList<string> Nodes, int Days) : Command
{
    public const int DefaultDays = 365;
    public const int MaxDays = 3650;

    public static Command Parse(IReadOnlyList<string> args)
    {
        string? directory = null;
        string? nodes = null;
        var days = DefaultDays;
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--nodes" when i + 1 < args.Count:
                    nodes = args[++i];
                    break;
                case "--days" when i + 1 < args.Count:
                    if (!int.TryParse(args[++i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out days) || days < 1 || days > MaxDays)
                    {
                        return new UsageError($"certs: --days must be 1..{MaxDays}");
                    }

                    break;
                case var positional when directory is null && !positional.StartsWith("--", StringComparison.Ordinal):
                    directory = positional;
                    break;
                default:
                    return new UsageError($"certs: unexpected argument '{args[i]}'");
            }
        }

        if (directory is null || nodes is null)
        {
            return new UsageError("certs: DIR and --nodes NAME[,NAME...] are required");
        }

        var names = nodes.Split(',', StringSplitOptions.TrimEntries);
        foreach (var name in names)
        {
            if (!CommandLine.IsValidName(name))
            {
                return new UsageError($"certs: invalid node name '{name}' (1-64 letters, digits, '-' and '_')");
            }
        }

        return new CertsCommand(directory, names, days);
    }
}
