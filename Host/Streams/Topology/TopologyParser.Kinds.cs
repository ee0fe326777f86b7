using System.Text.Json;
using DistSys.Streams.Operators;

namespace DistSys.Streams.Topology;

/// <summary>The sources, sinks and operators, each with its own fields.</summary>
internal static partial class TopologyParser
{
    public const long MaxRetention = 10_000_000;
    public const long DefaultRetention = 100_000;
    public const int MaxKeys = 10_000_000;
    public const int MaxEventBytes = 64 << 10;
    public const string PluginPrefix = "plugin:";

    private static SourceSpec ParseSource(NodeContext node, string kind, string field, Func<string, (string? Path, string? Refusal)> resolveInput)
    {
        switch (kind)
        {
            case "http":
                node.Known();
                return new HttpSourceSpec();
            case "generator":
                node.Known("rate", "count", "keys", "seed", "event_bytes");
                return new GeneratorSourceSpec(
                    Long(node, "rate", 0, 0, 100_000_000),
                    Long(node, "count", 0, 0, long.MaxValue / 2),
                    (int)Long(node, "keys", 100, 1, MaxKeys),
                    Long(node, "seed", 1, long.MinValue, long.MaxValue),
                    (int)Long(node, "event_bytes", 100, 40, MaxEventBytes));
            case "file":
                node.Known("path", "follow");
                var name = OptionalString(node.Element, "path", node.Field, node.Id) ?? Fail<string>(node.Path("path"), $"node '{node.Id}': required: a file under the input root");
                var (path, refusal) = resolveInput(name);
                if (path is null)
                {
                    Fail(node.Path("path"), $"node '{node.Id}': {refusal}");
                }

                return new FileSourceSpec(path, Bool(node, "follow"));
            default:
                return Fail<SourceSpec>(field, $"node '{node.Id}': unknown source '{Clip(kind)}' (known: http, generator, file)");
        }
    }

    private static SinkSpec ParseSink(NodeContext node, string kind, string field)
    {
        switch (kind)
        {
            case "collect":
                node.Known("retention");
                return new CollectSinkSpec(Long(node, "retention", DefaultRetention, 1, MaxRetention));
            case "file":
                node.Known();
                return new FileSinkSpec();
            case "log":
                node.Known();
                return new LogSinkSpec();
            default:
                return Fail<SinkSpec>(field, $"node '{node.Id}': unknown sink '{Clip(kind)}' (known: collect, file, log)");
        }
    }

    private static NodeKindSpec ParseOperator(NodeContext node, string kind, string field, Func<string, string?, (bool OfOperation, string Detail)?>? pluginRefusal)
    {
        switch (kind)
        {
            case "filter":
                node.Known("where");
                return new FilterSpec(node.TryGet("where", out var where)
                    ? ParseWhere(where, node.Path("where"), node.Id, 0)
                    : Fail<Predicate>(node.Path("where"), $"node '{node.Id}': required: a condition such as {{\"field\": \"amount\", \"gt\": 0}}"));
            case "map":
                node.Known("select", "set", "rename");
                return ParseMap(node);
            case "flat_map":
                node.Known("field");
                return new FlatMapSpec(RequiredField(node));
            case "count":
                node.Known();
                RequireKey(node, kind);
                return new AggregateSpec(AggregateKind.Count, null);
            case "sum" or "min" or "max":
                node.Known("field");
                RequireKey(node, kind);
                return new AggregateSpec(kind switch { "sum" => AggregateKind.Sum, "min" => AggregateKind.Min, _ => AggregateKind.Max }, RequiredField(node));
            case var plugin when plugin.StartsWith(PluginPrefix, StringComparison.Ordinal):
                node.Known("operation");
                return ParsePlugin(node, plugin[PluginPrefix.Length..], field, pluginRefusal);
            default:
                return Fail<NodeKindSpec>(field, $"node '{node.Id}': unknown op '{Clip(kind)}' (known: filter, map, flat_map, count, sum, min, max, plugin:NAME)");
        }
    }

    private static PluginOpSpec ParsePlugin(NodeContext node, string name, string field, Func<string, string?, (bool OfOperation, string Detail)?>? pluginRefusal)
    {
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            Fail(field, $"node '{node.Id}': a plugin's name is 1-64 of A-Z a-z 0-9 . _ - (\"op\": \"plugin:wordfreq\")");
        }

        var operation = OptionalString(node.Element, "operation", node.Field, node.Id);
        if (pluginRefusal?.Invoke(name, operation) is { } refusal)
        {
            Fail(refusal.OfOperation ? node.Path("operation") : field, $"node '{node.Id}': {refusal.Detail}");
        }

        return new PluginOpSpec(name, operation);
    }

    private static void RequireKey(NodeContext node, string kind)
    {
        if (node.Key is null)
        {
            Fail(node.Path("key"), $"node '{node.Id}': {kind} needs a key field (\"key\": \"user\")");
        }
    }

    private static string RequiredField(NodeContext node) =>
        OptionalString(node.Element, "field", node.Field, node.Id) ?? Fail<string>(node.Path("field"), $"node '{node.Id}': required: the name of a top-level field");

    private static long Long(NodeContext node, string name, long fallback, long min, long max)
    {
        if (!node.TryGet(name, out var value))
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= min && n <= max
            ? n
            : Fail<long>(node.Path(name), $"node '{node.Id}': must be a whole number from {min} to {max}");
    }

    private static bool Bool(NodeContext node, string name) =>
        node.TryGet(name, out var value) && (value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : Fail<bool>(node.Path(name), $"node '{node.Id}': must be true or false"));
}
