namespace DistSys.Host.Api.Security;

/// <summary>
/// The HTTP side's bounds (docs/security.md, "Limits"): the options an operator sets and the fixed
/// request limits Kestrel enforces before any endpoint runs.
/// </summary>
internal sealed record ApiLimits
{
    public const int DefaultRateLimit = 200;
    public const int MaxRateLimit = 1_000_000;
    public const int DefaultMaxConnections = 1024;
    public const int MaxMaxConnections = 1_000_000;
    public const int MaxMaxMemoryMib = 16 << 20;

    /// <summary>
    /// The largest body any request may carry unless its endpoint declares more (<c>IRequestSizeLimitMetadata</c>). Each
    /// endpoint bounds its own body tighter (the job API 16 MiB, the others KiBs); this backstop is twice the largest, so
    /// Kestrel still drains a body somewhat over an endpoint's bound and its client reads the named 400 instead of a reset.
    /// </summary>
    public const long MaxRequestBodyBytes = 32 << 20;

    /// <summary>An API request carries a handful of short headers; 16 KiB of them is already a mistake (or hostile).</summary>
    public const int MaxRequestHeadersBytes = 16 << 10;
    public const int MaxRequestHeaderCount = 64;

    public static readonly ApiLimits Default = new();

    /// <summary>A client that opens a connection and sends its headers slower than this is cut off (Kestrel's default is 30 s).</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Host header names (and <c>*.example.com</c> wildcards) the API answers; empty answers any.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Requests per second per client address on every endpoint but <c>GET /healthz</c>; 0 turns rate limiting off.</summary>
    public int RateLimit { get; init; } = DefaultRateLimit;

    /// <summary>Resident memory, in MiB, at 90 % of which new work is refused with 503 (<see cref="MemoryGuardMiddleware"/>); 0 turns it off.</summary>
    public int MaxMemoryMib { get; init; }

    /// <summary>Open connections on the node's port, cluster links included.</summary>
    public int MaxConnections { get; init; } = DefaultMaxConnections;
}
