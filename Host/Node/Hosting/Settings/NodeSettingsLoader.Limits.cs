using System.Globalization;
using DistSys.Host.Api.Security;

namespace DistSys.Host.Hosting.Settings;

internal static partial class NodeSettingsLoader
{
    private const int MaxAllowedHosts = 64;

    private static ApiLimits ReadApiLimits(IReadOnlyList<SettingLayer> layers) => new()
    {
        AllowedHosts = ReadAllowedHosts(layers),
        RateLimit = ReadInt(layers, SettingNames.ApiRateLimit, 0, ApiLimits.MaxRateLimit, ApiLimits.DefaultRateLimit, "requests per second per client address (0 turns it off)"),
        MaxConnections = ReadInt(layers, SettingNames.MaxConnections, 1, ApiLimits.MaxMaxConnections, ApiLimits.DefaultMaxConnections, "open connections"),
        MaxMemoryMib = ReadInt(layers, SettingNames.MaxMemory, 0, ApiLimits.MaxMaxMemoryMib, 0, "MiB of resident memory (0 turns it off)"),
    };

    private static int ReadInt(IReadOnlyList<SettingLayer> layers, string key, int min, int max, int fallback, string what)
    {
        if (Find(layers, key) is not var (value, source))
        {
            return fallback;
        }

        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : Invalid<int>(key, value, source, $"a whole number of {what} from {min} to {max}");
    }

    // "a,b,*.example.com": host names or addresses as the Host header carries them, without ports.
    private static string[] ReadAllowedHosts(IReadOnlyList<SettingLayer> layers)
    {
        if (Find(layers, SettingNames.AllowedHosts) is not var (value, source))
        {
            return [];
        }

        var hosts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var expected = $"1 to {MaxAllowedHosts} comma-separated host names or addresses (a name may start with *. to allow its subdomains)";
        if (hosts.Length is 0 or > MaxAllowedHosts)
        {
            return Invalid<string[]>(SettingNames.AllowedHosts, value, source, expected);
        }

        foreach (var host in hosts)
        {
            var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host.Trim('[', ']');
            if (!Endpoint.IsValidHost(name))
            {
                return Invalid<string[]>(SettingNames.AllowedHosts, host, source, expected);
            }
        }

        return hosts;
    }
}
