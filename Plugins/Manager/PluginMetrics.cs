using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DistSys.Plugins.Manager;

/// <summary>
/// The module's meter (docs/metrics.md): requests and restarts of every deployed plugin of the live
/// managers, read from their statistics when a collector asks (a request already counts itself once,
/// in its instance's statistics). A version's counts start again from zero when it is deployed anew,
/// which Prometheus reads as a counter reset.
/// </summary>
internal static class PluginMetrics
{
    public const string MeterName = "DistSys.Plugins";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly ConcurrentDictionary<PluginManager, byte> s_managers = new();

    static PluginMetrics()
    {
        s_meter.CreateObservableCounter("distsys.plugin.requests", Requests, "{request}",
            "Requests to each plugin's active version, by outcome (ok or error)");
        s_meter.CreateObservableCounter("distsys.plugin.restarts", Restarts, "{restart}",
            "Instances of each plugin's active version started after the first");
    }

    public static void Register(PluginManager manager) => s_managers.TryAdd(manager, 0);

    public static void Unregister(PluginManager manager) => s_managers.TryRemove(manager, out _);

    private static IEnumerable<Measurement<long>> Requests()
    {
        foreach (var plugin in s_managers.Keys.SelectMany(manager => manager.List()))
        {
            yield return new(plugin.Requests - plugin.Failures, Tag("plugin", plugin.Name), Tag("version", plugin.Version), Tag("outcome", "ok"));
            yield return new(plugin.Failures, Tag("plugin", plugin.Name), Tag("version", plugin.Version), Tag("outcome", "error"));
        }
    }

    private static IEnumerable<Measurement<long>> Restarts() =>
        s_managers.Keys.SelectMany(manager => manager.List()).Select(plugin => new Measurement<long>(plugin.Restarts, Tag("plugin", plugin.Name)));

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}
