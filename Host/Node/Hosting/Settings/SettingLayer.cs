using Microsoft.Extensions.Configuration;

namespace DistSys.Host.Hosting.Settings;

/// <summary>One source of settings (command line, environment or config file) and how to name a key in it.</summary>
internal sealed record SettingLayer(IConfiguration Values, Func<string, string> Describe)
{
    public static SettingLayer FromPairs(IEnumerable<KeyValuePair<string, string?>> pairs, Func<string, string> describe) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(pairs).Build(), describe);
}
