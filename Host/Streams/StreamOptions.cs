using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistSys.Streams;

/// <summary>The streaming service's settings (docs/configuration.md, <c>streams:*</c>).</summary>
internal sealed record StreamOptions
{
    public const long DefaultLogBytes = 64L << 20;

    /// <summary>The store and the source logs.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Where file sinks write, one directory per job.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Maps a file source's path to a full path under the input root, or says why not.</summary>
    public Func<string, (string? Path, string? Refusal)> ResolveInput { get; init; } = _ => (null, "file sources need an input root");

    /// <summary>The most an http source's log holds unacknowledged; past it ingests answer 429.</summary>
    public long LogBytes { get; init; } = DefaultLogBytes;

    /// <summary>The batches an edge's receiver has room for: its sender's credit.</summary>
    public int Credits { get; init; } = 8;

    /// <summary>The events a source reads into one batch.</summary>
    public int BatchEvents { get; init; } = 1024;

    /// <summary>The node instances run on (shown in status).</summary>
    public string Place { get; init; } = "master";

    /// <summary>What <c>plugin:NAME</c> operators call; null where the node runs no plugins (a submit naming one is refused).</summary>
    public IStreamPlugins? Plugins { get; init; }

    public ILogger Logger { get; init; } = NullLogger.Instance;
}
