using System.Collections;
using DistSys.Host.Cli;
using Microsoft.Extensions.Configuration;

namespace DistSys.Host.Hosting.Settings;

/// <summary>
/// Merges the node's settings from the command line, the <c>DISTSYS_*</c> environment, the JSON
/// config file and the defaults (first wins), validates every one and returns <see cref="NodeSettings"/>.
/// A bad value throws <see cref="SettingException"/> naming the setting, the value and its source.
/// </summary>
internal static partial class NodeSettingsLoader
{
    /// <summary>Reads the real process environment and home directory.</summary>
    public static NodeSettings Load(NodeCommand command) =>
        Load(command, ReadEnvironment(), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Loads with an injected environment (tests never touch the process's own).</summary>
    public static NodeSettings Load(NodeCommand command, IReadOnlyDictionary<string, string> environment, string homeDirectory)
    {
        var cli = SettingLayer.FromPairs(CommandLinePairs(command.Options), SettingNames.Flag);
        var env = SettingLayer.FromPairs(EnvironmentPairs(environment), SettingNames.EnvironmentVariable);
        var configFile = Find([cli, env], SettingNames.Config);
        var file = configFile is { } found ? ReadConfigFile(found.Value, found.Source) : null;
        SettingLayer[] layers = file is null ? [cli, env] : [cli, env, file];

        var merged = new ConfigurationBuilder();
        foreach (var layer in layers.Reverse())
        {
            merged.AddConfiguration(layer.Values);
        }

        var dataDirectory = ReadDataDirectory(layers, command.Name);
        return new NodeSettings(command.Role, command.Name, command.Listen, command.Master)
        {
            Cookie = ReadCookie(layers, environment, homeDirectory),
            DataDirectory = dataDirectory,
            InputDirectory = ReadInputDirectory(layers, dataDirectory),
            ApiLimits = ReadApiLimits(layers),
            LogLevel = ReadLogLevel(layers),
            LogFormat = ReadLogFormat(layers),
            MetricsPublic = ReadFlag(layers, SettingNames.MetricsPublic),
            OtlpEndpoint = ReadOtlpEndpoint(layers),
            HeartbeatInterval = ReadDuration(layers, SettingNames.HeartbeatInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60)),
            FailureTimeout = ReadFailureTimeout(layers),
            Diagnostics = ReadFlag(layers, SettingNames.Diagnostics),
            PluginDirectory = Find(layers, SettingNames.PluginDir) is var (pluginDir, _) ? Path.GetFullPath(pluginDir) : null,
            PluginSandbox = new DistSys.Plugins.PluginSandbox
            {
                BwrapPath = Find(layers, SettingNames.BwrapPath) is var (bwrap, _) ? Path.GetFullPath(bwrap) : DistSys.Plugins.PluginSandbox.Default.BwrapPath,
                Unsafe = ReadFlag(layers, SettingNames.UnsafePluginSandbox),
            },
            Tls = ReadTls(layers),
            Store = ReadStore(layers),
            OtherMasters = ReadMasters(layers),
            ConfigFile = file is null ? null : Path.GetFullPath(configFile!.Value.Value),
            Configuration = merged.Build(),

            // Last: a bad setting above is reported before ~/.distsys.token is created.
            ApiToken = ReadApiToken(layers, environment, homeDirectory),
        };
    }

    /// <summary>The value of <paramref name="key"/> from the first layer that has it, and a name for where it came from.</summary>
    private static (string Value, string Source)? Find(IEnumerable<SettingLayer> layers, string key)
    {
        foreach (var layer in layers)
        {
            if (layer.Values[key] is { } value)
            {
                return (value, layer.Describe(key));
            }
        }

        return null;
    }

    private static IEnumerable<KeyValuePair<string, string?>> CommandLinePairs(NodeOptionArgs options)
    {
        (string Key, string? Value)[] all =
        [
            (SettingNames.Config, options.ConfigFile), (SettingNames.Cookie, options.Cookie),
            (SettingNames.CookieFile, options.CookieFile), (SettingNames.DataDir, options.DataDir), (SettingNames.InputDir, options.InputDir),
            (SettingNames.LogLevel, options.LogLevel), (SettingNames.HeartbeatInterval, options.HeartbeatInterval),
            (SettingNames.FailureTimeout, options.FailureTimeout), (SettingNames.PluginDir, options.PluginDir),
            (SettingNames.BwrapPath, options.BwrapPath), (SettingNames.UnsafePluginSandbox, options.UnsafePluginSandbox),
            (SettingNames.MetricsPublic, options.MetricsPublic), (SettingNames.LogFormat, options.LogFormat),
            (SettingNames.OtlpEndpoint, options.OtlpEndpoint),
            (SettingNames.ApiTokenFile, options.ApiTokenFile),
            (SettingNames.AllowedHosts, options.AllowedHosts), (SettingNames.ApiRateLimit, options.ApiRateLimit),
            (SettingNames.MaxConnections, options.MaxConnections),
            (SettingNames.MaxMemory, options.MaxMemory),
            (SettingNames.TlsCert, options.TlsCert),
            (SettingNames.TlsKey, options.TlsKey), (SettingNames.TlsCa, options.TlsCa),
            (SettingNames.Store, options.Store), (SettingNames.LeaseRenew, options.LeaseRenew), (SettingNames.LeaseTtl, options.LeaseTtl),
            (SettingNames.Masters, options.Masters),
        ];
        return all.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, p.Value));
    }

    // DISTSYS_DATA_DIR → data_dir; "__" nests as Microsoft.Extensions.Configuration does (DISTSYS_JOBS__MAX_TASKS → jobs:max_tasks).
    private static IEnumerable<KeyValuePair<string, string?>> EnvironmentPairs(IReadOnlyDictionary<string, string> environment) =>
        environment
            .Where(p => p.Key.StartsWith(SettingNames.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(p => KeyValuePair.Create(
                p.Key[SettingNames.EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal).ToLowerInvariant(),
                (string?)p.Value));

    private static Dictionary<string, string> ReadEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string ?? "";
        }

        return variables;
    }
}
