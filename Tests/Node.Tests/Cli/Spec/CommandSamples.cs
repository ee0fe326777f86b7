using DistSys.Host.Cli.Spec;

namespace DistSys.Node.Tests.Cli.Spec;

/// <summary>A valid command line for each runnable command of the catalog, and a value each option's parser accepts.</summary>
internal static class CommandSamples
{
    /// <summary>Keyed by the catalog's path; each line parses as it stands.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Lines = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["master"] = ["master", "127.0.0.1", "8080"],
        ["worker"] = ["worker1", "127.0.0.1", "8081", "127.0.0.1", "8080"],
        ["client submit"] = ["client", "127.0.0.1:8080", "submit", "batch", "job"],
        ["client status"] = ["client", "127.0.0.1:8080", "status", "job-1"],
        ["client wait"] = ["client", "127.0.0.1:8080", "wait", "job-1"],
        ["client results"] = ["client", "127.0.0.1:8080", "results", "job-1"],
        ["client list"] = ["client", "127.0.0.1:8080", "list"],
        ["client cancel"] = ["client", "127.0.0.1:8080", "cancel", "job-1"],
        ["client retry"] = ["client", "127.0.0.1:8080", "retry", "job-1"],
        ["client stop"] = ["client", "127.0.0.1:8080", "stop", "job-s1"],
        ["client tail"] = ["client", "127.0.0.1:8080", "tail", "job-s1", "out"],
        ["client workers"] = ["client", "127.0.0.1:8080", "workers"],
        ["client masters"] = ["client", "127.0.0.1:8080,127.0.0.1:9080", "masters"],
        ["plugin list"] = ["plugin", "127.0.0.1:8080", "list"],
        ["plugin deploy"] = ["plugin", "127.0.0.1:8080", "deploy", "echo", "1", "echo.dll"],
        ["plugin rollback"] = ["plugin", "127.0.0.1:8080", "rollback", "echo"],
        ["plugin stop"] = ["plugin", "127.0.0.1:8080", "stop", "echo"],
        ["top"] = ["top", "127.0.0.1:8080", "--once"],
        ["certs"] = ["certs", "dir", "--nodes", "master"],
        ["start"] = ["start"],
        ["demo"] = ["demo"],
        ["completion bash"] = ["completion", "bash"],
    };

    /// <summary>Values the parsers check themselves (a number, a level); any other option takes any text.</summary>
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["--timeout"] = "5",
        ["--days"] = "30",
        ["--workers"] = "1",
        ["--port"] = "9000",
        ["--log-level"] = "info",
        ["--nodes"] = "master",
        ["--by"] = "handled",
        ["--limit"] = "5",
    };

    /// <summary>Every option any command of the catalog names, but --help (which any command takes), each once.</summary>
    public static IReadOnlyList<OptionSpec> EveryOption { get; } =
    [
        .. CommandCatalog.All().Select(c => c.Spec).Append(CommandCatalog.Root).SelectMany(c => c.Options)
            .Where(o => o.Name != "--help").DistinctBy(o => o.Name),
        new("--bogus", null, "no command takes it"),
        new("--verbose", "X", "no command takes it either"),
    ];

    /// <summary>The sample line of <paramref name="path"/> with <paramref name="option"/> added (and taken out of the line first if it stood there).</summary>
    public static string[] With(string path, OptionSpec option)
    {
        var line = Lines[path].ToList();
        var at = line.IndexOf(option.Name);
        if (at >= 0)
        {
            line.RemoveRange(at, option.TakesValue ? 2 : 1);
        }

        line.Add(option.Name);
        if (option.TakesValue)
        {
            line.Add(Values.GetValueOrDefault(option.Name, "value"));
        }

        return [.. line];
    }

    /// <summary>A command line as a shell splits it: words apart at spaces, '...' and "..." kept whole.</summary>
    public static string[] ShellWords(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == ' ')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }
}
