using DistSys.Plugins.Sdk;

namespace DistSys.Plugins.Examples.WordFreqV2;

/// <summary>Word frequency, version 2: case-insensitive words of letters and digits, as a JSON object.</summary>
internal static class Program
{
    private static int Main() =>
        PluginHost.Run(new PluginDefinition("wordfreq", "2").Operation("count", WordCount.Count, idempotent: true));
}
