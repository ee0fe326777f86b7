using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace DistSys.Streams.Topology;

/// <summary>
/// Parses and validates <c>config.topology</c> (docs/streaming.md): every refusal names the JSON path of
/// the field and the node's id. <c>resolveInput</c> maps a file source's path to a full path under the
/// input root, or returns the refusal; the parser trusts no path itself. Given <c>pluginRefusal</c> (a submit), a
/// <c>plugin:NAME</c> operator must name a plugin it accepts; without (a worker, a resume) any name parses.
/// </summary>
internal static partial class TopologyParser
{
    public const string Root = "config.topology";

    public static (TopologySpec? Topology, TopologyError? Error) Parse(JsonElement? config, Func<string, (string? Path, string? Refusal)> resolveInput, Func<string, string?, (bool OfOperation, string Detail)?>? pluginRefusal = null)
    {
        try
        {
            return (ParseConfig(config, resolveInput, pluginRefusal), null);
        }
        catch (TopologyException e)
        {
            return (null, e.Error);
        }
    }

    private static TopologySpec ParseConfig(JsonElement? config, Func<string, (string? Path, string? Refusal)> resolveInput, Func<string, string?, (bool OfOperation, string Detail)?>? pluginRefusal)
    {
        if (config is not { ValueKind: JsonValueKind.Object } c)
        {
            return Fail<TopologySpec>("config", "required for a streaming job: an object with a topology");
        }

        Known(c, "config", "topology");
        if (!c.TryGetProperty("topology", out var topology) || topology.ValueKind != JsonValueKind.Object)
        {
            return Fail<TopologySpec>(Root, "required: an object with nodes");
        }

        Known(topology, Root, "nodes");
        if (!topology.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Array
            || nodes.GetArrayLength() is 0 or > TopologySpec.MaxNodes)
        {
            return Fail<TopologySpec>($"{Root}.nodes", $"required: an array of 1-{TopologySpec.MaxNodes} nodes");
        }

        var parsed = new List<(NodeSpec Node, string Field)>();
        var index = 0;
        foreach (var node in nodes.EnumerateArray())
        {
            var field = $"{Root}.nodes[{index++}]";
            parsed.Add((ParseNode(node, field, resolveInput, pluginRefusal), field));
        }

        return Validate(parsed);
    }

    private static void Known(JsonElement element, string field, params string[] names)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Contains(property.Name))
            {
                Fail($"{field}.{property.Name}", $"unknown field (known: {string.Join(", ", names)})");
            }
        }
    }

    [DoesNotReturn]
    private static void Fail(string field, string detail) => throw new TopologyException(new TopologyError(field, detail));

    [DoesNotReturn]
    private static T Fail<T>(string field, string detail) => throw new TopologyException(new TopologyError(field, detail));
}
