using System.Globalization;
using DistSys.Runtime;

namespace DistSys.Host.Cli;

/// <summary>What <c>top</c> ranks by: the <c>by</c> values of GET /api/processes/top, and the key that picks each.</summary>
internal enum TopSort
{
    Mailbox,
    Handled,
    Memory,
}

/// <summary>
/// <c>top HOST:PORT [--once] [--json] [--by mailbox|handled|memory] [--limit N] [--token VALUE | --token-file FILE] [--ca FILE]</c>:
/// a refreshing view of one node's processes (<see cref="TopRunner"/>), or one answer with <c>--once</c>.
/// </summary>
internal sealed record TopCommand(Endpoint Node, TopSort By, int Limit, bool Once, bool Json, TokenArgs Tokens) : Command
{
    public const int DefaultLimit = 20;
    public const string UsageLine = "top takes HOST:PORT [--once] [--json] [--by mailbox|handled|memory] [--limit N] [--token VALUE | --token-file FILE] [--ca FILE]";

    public static Command Parse(IReadOnlyList<string> args)
    {
        var rest = args.Skip(1).ToList();
        if (TokenArgs.Extract(rest, out var tokens) is { } tokenError)
        {
            return new UsageError(tokenError);
        }

        var once = rest.Remove("--once");
        var json = rest.Remove(Spec.ClientSpecs.Json.Name);
        var by = TopSort.Mailbox;
        var limit = DefaultLimit;
        Endpoint? node = null;
        for (var i = 0; i < rest.Count; i++)
        {
            switch (rest[i])
            {
                case "--by" when i + 1 < rest.Count:
                    if (SortOf(rest[++i]) is not { } sort)
                    {
                        return new UsageError($"invalid --by '{rest[i]}': expected mailbox, handled or memory");
                    }

                    by = sort;
                    break;
                case "--limit" when i + 1 < rest.Count:
                    if (!int.TryParse(rest[++i], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > ProcessRuntime.MaxTop)
                    {
                        return new UsageError($"invalid --limit '{rest[i]}': expected a whole number from 1 to {ProcessRuntime.MaxTop}");
                    }

                    break;
                case var word when node is null && !word.StartsWith('-'):
                    if (!Endpoint.TryParse(word, out var parsed))
                    {
                        return new UsageError($"invalid node '{word}': expected HOST:PORT");
                    }

                    node = parsed;
                    break;
                default:
                    return new UsageError(UsageLine);
            }
        }

        if (json && !once)
        {
            return new UsageError("top --json needs --once (a script reads one answer)");
        }

        return node is null ? new UsageError(UsageLine) : new TopCommand(node.Value, by, limit, once, json, tokens);
    }

    /// <summary>The <c>by</c> value of the endpoint and of <c>--by</c>.</summary>
    public static string NameOf(TopSort sort) => sort switch
    {
        TopSort.Handled => "handled",
        TopSort.Memory => "memory",
        _ => "mailbox",
    };

    private static TopSort? SortOf(string name) => name switch
    {
        "mailbox" => TopSort.Mailbox,
        "handled" => TopSort.Handled,
        "memory" => TopSort.Memory,
        _ => null,
    };
}
