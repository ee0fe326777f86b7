using System.Text.Json;

namespace DistSys.Streams.Topology;

/// <summary>One node: its common fields, then its kind's.</summary>
internal static partial class TopologyParser
{
    public const int MaxIdLength = 64;

    private static readonly string[] s_kinds = ["source", "op", "sink"];
    private static readonly string[] s_common = ["id", "source", "op", "sink", "input", "parallelism", "edge", "key"];

    private static NodeSpec ParseNode(JsonElement node, string field, Func<string, (string? Path, string? Refusal)> resolveInput, Func<string, string?, (bool OfOperation, string Detail)?>? pluginRefusal)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            Fail(field, "must be an object");
        }

        var id = node.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : "";
        if (id.Length is 0 or > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            Fail($"{field}.id", $"required: 1-{MaxIdLength} ASCII letters, digits, '_' or '-'");
        }

        var kinds = s_kinds.Where(name => node.TryGetProperty(name, out _)).ToArray();
        if (kinds.Length != 1)
        {
            Fail(field, $"node '{id}': needs exactly one of source, op, sink (has {(kinds.Length == 0 ? "none" : string.Join(", ", kinds))})");
        }

        var kindField = $"{field}.{kinds[0]}";
        var kindName = node.GetProperty(kinds[0]) is { ValueKind: JsonValueKind.String } k ? k.GetString()! : Fail<string>(kindField, $"node '{id}': must be a string");
        var key = OptionalString(node, "key", field, id);
        var context = new NodeContext(node, field, id, key);
        NodeKindSpec kind = kinds[0] switch
        {
            "source" => ParseSource(context, kindName, kindField, resolveInput),
            "sink" => ParseSink(context, kindName, kindField),
            _ => ParseOperator(context, kindName, kindField, pluginRefusal),
        };

        string? input = null;
        if (kind is SourceSpec)
        {
            if (node.TryGetProperty("input", out _))
            {
                Fail($"{field}.input", $"node '{id}': a source has no input");
            }
        }
        else
        {
            input = OptionalString(node, "input", field, id) ?? Fail<string>($"{field}.input", $"node '{id}': required: the id of the node it reads");
        }

        var parallelism = 1;
        if (node.TryGetProperty("parallelism", out var p))
        {
            if (p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out parallelism) || parallelism < 1 || parallelism > TopologySpec.MaxParallelism)
            {
                Fail($"{field}.parallelism", $"node '{id}': must be a whole number from 1 to {TopologySpec.MaxParallelism}");
            }

            if (kind is HttpSourceSpec or FileSourceSpec && parallelism != 1)
            {
                // One ordered log or file, acknowledged by one byte offset: give the operators after it the parallelism.
                Fail($"{field}.parallelism", $"node '{id}': an {kind.Name} source runs 1 instance (it reads one ordered {(kind is HttpSourceSpec ? "log" : "file")}); set the parallelism of the nodes it feeds");
            }
        }

        var edge = ParseEdge(context, kind);
        return new NodeSpec(id, input, parallelism, edge, key, kind);
    }

    private static EdgeKind ParseEdge(NodeContext node, NodeKindSpec kind)
    {
        if (!node.Element.TryGetProperty("edge", out var e))
        {
            // Keyed nodes default to a key edge, so that equal keys meet; the rest spread round robin.
            return node.Key is null ? EdgeKind.RoundRobin : EdgeKind.Key;
        }

        if (kind is SourceSpec)
        {
            Fail($"{node.Field}.edge", $"node '{node.Id}': a source has no input edge");
        }

        var edge = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        switch (edge)
        {
            case "round_robin":
                return EdgeKind.RoundRobin;
            case "broadcast":
                return EdgeKind.Broadcast;
            case "forward":
                return EdgeKind.Forward;
            case "key":
                return node.Key is null
                    ? Fail<EdgeKind>($"{node.Field}.key", $"node '{node.Id}': a key edge needs the node's key field")
                    : EdgeKind.Key;
            default:
                return Fail<EdgeKind>($"{node.Field}.edge", $"node '{node.Id}': must be round_robin, key, broadcast or forward");
        }
    }

    private static string? OptionalString(JsonElement node, string name, string field, string id)
    {
        if (!node.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 and <= 256 } text)
        {
            return Fail<string>($"{field}.{name}", $"node '{id}': must be a string of 1-256 characters");
        }

        return text;
    }

    /// <summary>A node being parsed: its element, JSON path, id and key, for the kind readers and their refusals.</summary>
    private readonly record struct NodeContext(JsonElement Element, string Field, string Id, string? Key)
    {
        public void Known(params string[] kindFields)
        {
            string[] known = [.. s_common, .. kindFields];
            foreach (var property in Element.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                {
                    Fail(Path(property.Name), $"node '{Id}': unknown field (known: {string.Join(", ", known)})");
                }
            }
        }

        public bool TryGet(string name, out JsonElement value) => Element.TryGetProperty(name, out value);

        public string Path(string name) => $"{Field}.{name}";
    }
}
