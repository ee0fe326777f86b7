namespace DistSys.Host.Cli;

/// <summary>
/// The node options given on the command line, as the raw text the user typed. They are validated
/// together with the same settings from the environment and the config file (<c>NodeSettingsLoader</c>),
/// so one message names a bad value whichever source it came from.
/// </summary>
internal sealed record NodeOptionArgs
{
    public static readonly NodeOptionArgs None = new();

    public string? ConfigFile { get; init; }

    public string? Cookie { get; init; }

    public string? CookieFile { get; init; }

    public string? DataDir { get; init; }

    public string? InputDir { get; init; }

    public string? LogLevel { get; init; }

    public string? HeartbeatInterval { get; init; }

    public string? FailureTimeout { get; init; }

    public string? PluginDir { get; init; }

    public string? BwrapPath { get; init; }

    public string? UnsafePluginSandbox { get; init; }

    public string? MetricsPublic { get; init; }

    public string? LogFormat { get; init; }

    public string? OtlpEndpoint { get; init; }

    public string? Store { get; init; }

    public string? LeaseRenew { get; init; }

    public string? LeaseTtl { get; init; }

    public string? Masters { get; init; }

    public string? ApiTokenFile { get; init; }

    public string? AllowedHosts { get; init; }

    public string? ApiRateLimit { get; init; }

    public string? MaxConnections { get; init; }

    public string? MaxMemory { get; init; }

    public string? TlsCert { get; init; }

    public string? TlsKey { get; init; }

    public string? TlsCa { get; init; }
}
