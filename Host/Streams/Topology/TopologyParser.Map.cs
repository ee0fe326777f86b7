using System.Text.Json;

namespace DistSys.Streams.Topology;

/// <summary>map: <c>select</c> (field names), <c>rename</c> (old to new) and <c>set</c> (field to a constant).</summary>
internal static partial class TopologyParser
{
    public const int MaxMapFields = 256;

    private static MapSpec ParseMap(NodeContext node)
    {
        List<string>? select = null;
        if (node.TryGet("select", out var s))
        {
            if (s.ValueKind != JsonValueKind.Array || s.GetArrayLength() is 0 or > MaxMapFields
                || s.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || e.GetString() is not { Length: > 0 }))
            {
                Fail(node.Path("select"), $"node '{node.Id}': must be an array of 1-{MaxMapFields} field names");
            }

            select = [.. s.EnumerateArray().Select(e => e.GetString()!)];
        }

        var rename = Object(node, "rename", e => e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } ? e.GetString()! : null, "a new field name");
        var set = Object(node, "set", e => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? null : e.GetRawText(), "a constant (string, number, boolean or null)");
        if (select is null && rename.Count == 0 && set.Count == 0)
        {
            Fail(node.Field, $"node '{node.Id}': map needs select, rename or set");
        }

        return new MapSpec(select, rename, set);
    }

    private static Dictionary<string, string> Object(NodeContext node, string name, Func<JsonElement, string?> value, string what)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!node.TryGet(name, out var element))
        {
            return result;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            Fail(node.Path(name), $"node '{node.Id}': must be an object");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (result.Count == MaxMapFields)
            {
                Fail(node.Path(name), $"node '{node.Id}': at most {MaxMapFields} fields");
            }

            result[property.Name] = value(property.Value) ?? Fail<string>($"{node.Path(name)}.{property.Name}", $"node '{node.Id}': must be {what}");
        }

        return result;
    }
}
