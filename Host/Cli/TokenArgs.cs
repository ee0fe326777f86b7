namespace DistSys.Host.Cli;

/// <summary>The client commands' <c>--token VALUE</c> and <c>--token-file FILE</c>, wherever they stand.</summary>
internal readonly record struct TokenArgs(string? Token, string? TokenFile)
{
    /// <summary>Takes both options out of <paramref name="args"/>; returns the usage message for a missing value or a repeat, else null.</summary>
    public static string? Extract(List<string> args, out TokenArgs tokens)
    {
        tokens = default;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            if (name is not ("--token" or "--token-file"))
            {
                continue;
            }

            string value;
            if (inline is not null)
            {
                value = inline;
                args.RemoveAt(i);
            }
            else if (i + 1 < args.Count)
            {
                value = args[i + 1];
                args.RemoveRange(i, 2);
            }
            else
            {
                return $"{name} needs a value";
            }

            if ((name == "--token" ? tokens.Token : tokens.TokenFile) is not null)
            {
                return $"option {name} is given twice";
            }

            tokens = name == "--token" ? tokens with { Token = value } : tokens with { TokenFile = value };
            i--;
        }

        return tokens is { Token: not null, TokenFile: not null } ? "give --token or --token-file, not both" : null;
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
