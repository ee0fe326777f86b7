using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DistSys.Host.Hosting.Settings;

internal static partial class NodeSettingsLoader
{
    /// <summary>A config file is a handful of settings; anything bigger is a mistake (or hostile).</summary>
    public const int MaxConfigFileBytes = 1 << 20;

    private static SettingLayer ReadConfigFile(string path, string source)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            Throw($"config file '{path}' (from {source}) does not exist");
        }

        if (info.Length > MaxConfigFileBytes)
        {
            Throw($"config file '{path}' (from {source}) is larger than {MaxConfigFileBytes} bytes");
        }

        var values = ParseJson(path, source);

        // Objects at the top level are services' sections (read through NodeSettings.Configuration); a scalar must be ours.
        var unknown = values.GetChildren().FirstOrDefault(c => c.Value is not null && !SettingNames.FileKeys.Contains(c.Key, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            Throw($"unknown setting '{unknown.Key}' in config file '{path}' (known: {string.Join(", ", SettingNames.FileKeys.Where(k => k != SettingNames.Diagnostics))})");
        }

        return new SettingLayer(values, key => $"{key} in {path}");
    }

    private static IConfigurationRoot ParseJson(string path, string source)
    {
        try
        {
            using var stream = new MemoryStream(File.ReadAllBytes(path));
            return new ConfigurationBuilder().AddJsonStream(stream).Build();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Fail<IConfigurationRoot>($"config file '{path}' (from {source}) cannot be read as JSON: {ex.Message}");
        }
    }

    // The data dir holds the store, with the contents of job inputs: only the node's user may enter it.
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode SharedMode = UnixFileMode.OtherWrite | UnixFileMode.StickyBit;

    private static string ReadDataDirectory(IReadOnlyList<SettingLayer> layers, string nodeName)
    {
        var (value, source) = Find(layers, SettingNames.DataDir) ?? (Path.Combine("data", nodeName), "the default");
        return PrivateDirectory(SettingNames.DataDir, value, source, tighten: true);
    }

    private static string ReadInputDirectory(IReadOnlyList<SettingLayer> layers, string dataDirectory)
    {
        // An operator's own directory keeps its mode (it may be shared read-only data); the default one is ours.
        if (Find(layers, SettingNames.InputDir) is var (value, source))
        {
            return PrivateDirectory(SettingNames.InputDir, value, source, tighten: false);
        }

        return PrivateDirectory(SettingNames.InputDir, Path.Combine(dataDirectory, "inputs"), "the default", tighten: true);
    }

    /// <summary>Creates <paramref name="value"/> 0700 when missing; <paramref name="tighten"/> also takes group and world access from an existing one.</summary>
    private static string PrivateDirectory(string key, string value, string source, bool tighten)
    {
        try
        {
            var full = Path.GetFullPath(value);
            if (OperatingSystem.IsWindows())
            {
                return Directory.CreateDirectory(full).FullName;
            }

            var directory = Directory.CreateDirectory(full, PrivateMode);
            if (tighten && (directory.UnixFileMode & SharedMode) != 0)
            {
                // A world-writable or sticky directory (/tmp) belongs to everyone: chmod-ing it would break the
                // machine, and anyone could plant files in it. The node's own data needs a directory of its own.
                return Fail<string>($"invalid {key} '{value}' (from {source}): the directory is shared (world-writable or sticky); name a directory of the node's own, for example {Path.Combine(full, "distsys")}");
            }

            if (tighten && (directory.UnixFileMode & ~PrivateMode) != 0)
            {
                directory.UnixFileMode = PrivateMode;
            }

            return directory.FullName;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail<string>($"invalid {key} '{value}' (from {source}): cannot create the directory: {ex.Message}");
        }
    }

    private static LogLevel ReadLogLevel(IReadOnlyList<SettingLayer> layers)
    {
        if (Find(layers, SettingNames.LogLevel) is not var (value, source))
        {
            return NodeSettings.DefaultLogLevel;
        }

        return value.Trim().ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "info" or "information" => LogLevel.Information,
            "warn" or "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "critical" => LogLevel.Critical,
            "none" => LogLevel.None,
            _ => Invalid<LogLevel>(SettingNames.LogLevel, value, source, "one of trace, debug, info, warning, error, critical, none"),
        };
    }

    private static TimeSpan? ReadDuration(IReadOnlyList<SettingLayer> layers, string key, TimeSpan min, TimeSpan max)
    {
        if (Find(layers, key) is not var (value, source))
        {
            return null;
        }

        return DurationText.TryParse(value, out var duration) && duration >= min && duration <= max
            ? duration
            : Invalid<TimeSpan>(key, value, source, $"{DurationText.Expected}, from {min.TotalMilliseconds:0}ms to {max.TotalSeconds:0}s");
    }

    private static TimeSpan? ReadFailureTimeout(IReadOnlyList<SettingLayer> layers)
    {
        var timeout = ReadDuration(layers, SettingNames.FailureTimeout, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(10));
        var interval = ReadDuration(layers, SettingNames.HeartbeatInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));
        if (timeout is { } t && interval is { } i && t <= i)
        {
            // A detector that times out before the next heartbeat is due would declare every node down.
            Throw($"invalid {SettingNames.FailureTimeout} ({t.TotalMilliseconds:0}ms): it must be longer than {SettingNames.HeartbeatInterval} ({i.TotalMilliseconds:0}ms)");
        }

        return timeout;
    }

    private static LogFormat ReadLogFormat(IReadOnlyList<SettingLayer> layers) =>
        Find(layers, SettingNames.LogFormat) is not var (value, source) ? LogFormat.Text : value.Trim().ToLowerInvariant() switch
        {
            "text" => LogFormat.Text,
            "json" => LogFormat.Json,
            _ => Invalid<LogFormat>(SettingNames.LogFormat, value, source, "text or json"),
        };

    // An absolute http(s) URL: the exporter dials it, so nothing else (a file, a relative path) is accepted.
    private static Uri? ReadOtlpEndpoint(IReadOnlyList<SettingLayer> layers) =>
        Find(layers, SettingNames.OtlpEndpoint) is not var (value, source) ? null
        : Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0 ? uri
        : Invalid<Uri>(SettingNames.OtlpEndpoint, value, source, "an http:// or https:// URL without credentials");

    private static bool ReadFlag(IReadOnlyList<SettingLayer> layers, string key)
    {
        if (Find(layers, key) is not var (value, source))
        {
            return false;
        }

        return value.Trim().ToLowerInvariant() switch
        {
            "1" or "true" or "yes" => true,
            "0" or "false" or "no" or "" => false,
            _ => Invalid<bool>(key, value, source, "true or false"),
        };
    }

    [DoesNotReturn]
    private static T Invalid<T>(string key, string value, string source, string expected) =>
        Fail<T>($"invalid {key} '{value}' (from {source}): expected {expected}");

    [DoesNotReturn]
    private static void Throw(string message) => throw new SettingException(message);

    [DoesNotReturn]
    private static T Fail<T>(string message) => throw new SettingException(message);
}
