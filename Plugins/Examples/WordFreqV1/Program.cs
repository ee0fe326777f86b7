using DistSys.Plugins.Sdk;

namespace DistSys.Plugins.Examples.WordFreqV1;

/// <summary>Word frequency, version 1: counts whitespace-separated words exactly as written.</summary>
internal static class Program
{
    private static int Main() =>
        PluginHost.Run(new PluginDefinition("wordfreq", "1").Operation("count", WordCount.Count, idempotent: true));
}
