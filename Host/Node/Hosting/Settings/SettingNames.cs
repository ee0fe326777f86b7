namespace DistSys.Host.Hosting.Settings;

/// <summary>
/// The node's setting keys. One key has three spellings: <c>data_dir</c> in the JSON config file,
/// <c>DISTSYS_DATA_DIR</c> in the environment and <c>--data-dir</c> on the command line.
/// </summary>
internal static class SettingNames
{
    public const string EnvironmentPrefix = "DISTSYS_";

    public const string Config = "config";
    public const string Cookie = "cookie";
    public const string CookieFile = "cookie_file";
    public const string DataDir = "data_dir";
    public const string InputDir = "input_dir";
    public const string LogLevel = "log_level";
    public const string LogFormat = "log_format";
    public const string MetricsPublic = "metrics_public";
    public const string OtlpEndpoint = "otlp_endpoint";
    public const string HeartbeatInterval = "heartbeat_interval";
    public const string FailureTimeout = "failure_timeout";
    public const string PluginDir = "plugin_dir";
    public const string BwrapPath = "bwrap_path";
    public const string UnsafePluginSandbox = "unsafe_plugin_sandbox";
    public const string ApiToken = "api_token";
    public const string ApiTokenFile = "api_token_file";
    public const string AllowedHosts = "allowed_hosts";
    public const string ApiRateLimit = "api_rate_limit";
    public const string MaxConnections = "max_connections";
    public const string MaxMemory = "max_memory";
    public const string TlsCert = "tls_cert";
    public const string TlsKey = "tls_key";
    public const string TlsCa = "tls_ca";
    public const string Store = "store";
    public const string LeaseRenew = "lease_renew";
    public const string LeaseTtl = "lease_ttl";
    public const string Masters = "masters";

    /// <summary>Debugging: maps the cluster diagnostics endpoints and behaviours (docs/configuration.md). Never on the command line.</summary>
    public const string Diagnostics = "diagnostics";

    /// <summary>The keys a config file may set; any other scalar at its top level is a mistake worth naming.</summary>
    public static readonly string[] FileKeys =
    [
        Cookie, CookieFile, DataDir, InputDir, LogLevel, LogFormat, MetricsPublic, OtlpEndpoint, HeartbeatInterval, FailureTimeout, ApiToken, ApiTokenFile, AllowedHosts, ApiRateLimit,
        MaxConnections, MaxMemory, Diagnostics, PluginDir, BwrapPath, UnsafePluginSandbox, TlsCert, TlsKey, TlsCa,
        Store, LeaseRenew, LeaseTtl, Masters,
    ];

    public static string Flag(string key) => "--" + key.Replace('_', '-');

    public static string EnvironmentVariable(string key) => EnvironmentPrefix + key.ToUpperInvariant();
}
