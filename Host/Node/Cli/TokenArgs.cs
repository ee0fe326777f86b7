namespace DistSys.Host.Cli;

/// <summary>
/// The client commands' <c>--token VALUE</c>, <c>--token-file FILE</c> and <c>--ca FILE</c> (the cluster
/// CA to trust a node serving HTTPS, docs/security.md), wherever they stand.
/// </summary>
internal readonly record struct TokenArgs(string? Token, string? TokenFile, string? Ca = null)
{
    /// <summary>Takes both options out of <paramref name="args"/>; returns the usage message for a missing value or a repeat, else null.</summary>
    public static string? Extract(List<string> args, out TokenArgs tokens)
    {
        tokens = default;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            if (name is not ("--token" or "--token-file" or "--ca"))
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

            if ((name switch { "--token" => tokens.Token, "--token-file" => tokens.TokenFile, _ => tokens.Ca }) is not null)
            {
                return $"option {name} is given twice";
            }

            tokens = name switch
            {
                "--token" => tokens with { Token = value },
                "--token-file" => tokens with { TokenFile = value },
                _ => tokens with { Ca = value },
            };
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
