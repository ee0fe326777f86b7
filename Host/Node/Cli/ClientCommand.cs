
namespace DistSys.Host.Cli;

/// <summary>What a client command line asked for: the verb, its argument and options.</summary>
internal sealed record ClientCommand(Endpoint Master, ClientVerb Verb) : Command
{
    /// <summary>More masters after <see cref="Master"/> (<c>client h1:p1,h2:p2 …</c>): a shared store's standbys, tried in turn (docs/ha.md).</summary>
    public IReadOnlyList<Endpoint> OtherMasters { get; init; } = [];

    /// <summary>The job id (status, wait, results, cancel) or the job's name (submit).</summary>
    public string? Argument { get; init; }

    /// <summary>submit's CONFIG_JSON, as given.</summary>
    public string? Config { get; init; }

    public bool Json { get; init; }

    /// <summary>submit's job type: batch or streaming.</summary>
    public string Type { get; init; } = "batch";

    /// <summary>tail's sink node.</summary>
    public string? Sink { get; init; }

    /// <summary>wait's --timeout; null waits for ever.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>results' --out FILE.</summary>
    public string? OutFile { get; init; }

    /// <summary>--token / --token-file; neither means the environment or ~/.distsys.token.</summary>
    public TokenArgs Tokens { get; init; }
}

internal enum ClientVerb
{
    Submit,
    Status,
    Wait,
    Results,
    List,
    Cancel,
    Retry,
    Workers,
    Tail,
    Masters,
}

/// <summary>A client command line that is wrong; the message names what (exit 2, client usage printed).</summary>
internal sealed record ClientUsageError(string Message) : Command;
