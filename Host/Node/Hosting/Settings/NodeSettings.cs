using DistSys.Host.Api.Security;
using DistSys.Transport.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using DistSys.Runtime.Distribution;

namespace DistSys.Host.Hosting.Settings;

/// <summary>
/// Everything a node needs to start, validated: the positional arguments plus the settings merged
/// from the command line, the environment, the config file and the defaults (in that precedence).
/// </summary>
internal sealed record NodeSettings(NodeRole Role, string Name, Endpoint Listen, Endpoint? Master)
{
    public const LogLevel DefaultLogLevel = LogLevel.Information;

    public required ClusterCookie Cookie { get; init; }

    /// <summary>What every HTTP request but <c>GET /healthz</c> must present.</summary>
    public required ApiToken ApiToken { get; init; }

    /// <summary>The HTTP limits and the Host names the API answers (docs/configuration.md, docs/security.md).</summary>
    public ApiLimits ApiLimits { get; init; } = ApiLimits.Default;

    /// <summary>Absolute; created at start. Services keep their files under it (e.g. the job store).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Absolute and existing: the only directory a job's input files are read from.</summary>
    public required string InputDirectory { get; init; }

    public LogLevel LogLevel { get; init; } = DefaultLogLevel;

    /// <summary>How log lines are written: the simple console formatter's one line, or JSON (<c>--log-format</c>).</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary><c>GET /metrics</c> needs no API token (<c>--metrics-public</c>); every other route still does.</summary>
    public bool MetricsPublic { get; init; }

    /// <summary>Where traces are exported over OTLP; null (the default) records none.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>Null keeps the cluster core's default.</summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>Null keeps the cluster core's default.</summary>
    public TimeSpan? FailureTimeout { get; init; }

    /// <summary>Mutual TLS for cluster links and HTTPS on the node's port; null = plain TCP and HTTP.</summary>
    public ClusterTls? Tls { get; init; }

    /// <summary>
    /// A master's shared store (<c>--store</c>, a PostgreSQL connection string) and its leader lease;
    /// null keeps the embedded SQLite store (docs/ha.md).
    /// </summary>
    public SharedStore? Store { get; init; }

    /// <summary>A worker's other masters (<c>--masters</c>), tried in order after the positional one (docs/ha.md).</summary>
    public IReadOnlyList<Endpoint> OtherMasters { get; init; } = [];

    /// <summary>The cluster diagnostics endpoints and behaviours are mapped (a debugging feature, docs/configuration.md).</summary>
    public bool Diagnostics { get; init; }

    /// <summary>The operator's plugin directory (<c>--plugin-dir</c>); null: <c>DATA_DIR/plugins</c>.</summary>
    public string? PluginDirectory { get; init; }

    /// <summary>How plugins are sandboxed (<c>--bwrap-path</c>, <c>--unsafe-plugin-sandbox</c>).</summary>
    public DistSys.Plugins.PluginSandbox PluginSandbox { get; init; } = DistSys.Plugins.PluginSandbox.Default;

    /// <summary>The JSON config file that was read, if any.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The merged configuration, so services can read their own sections (e.g. "jobs").</summary>
    public IConfiguration Configuration { get; init; } = new ConfigurationBuilder().Build();
}
