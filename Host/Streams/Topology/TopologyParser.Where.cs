using System.Text.Json;
using DistSys.Streams.Operators;

namespace DistSys.Streams.Topology;

/// <summary>A filter's condition: <c>{"field": F, OP: V}</c>, or <c>{"all": [...]}</c> / <c>{"any": [...]}</c> of conditions.</summary>
internal static partial class TopologyParser
{
    public const int MaxWhereDepth = 8;
    public const int MaxInValues = 1024;

    private static readonly string[] s_groups = ["all", "any"];

    private static readonly (string Name, CompareOp Op)[] s_ops =
    [
        ("eq", CompareOp.Eq), ("ne", CompareOp.Ne), ("gt", CompareOp.Gt), ("ge", CompareOp.Ge),
        ("lt", CompareOp.Lt), ("le", CompareOp.Le), ("in", CompareOp.In), ("exists", CompareOp.Exists),
    ];

    private static Predicate ParseWhere(JsonElement where, string field, string id, int depth)
    {
        if (where.ValueKind != JsonValueKind.Object || depth > MaxWhereDepth)
        {
            Fail(field, $"node '{id}': must be a condition object, nested at most {MaxWhereDepth} deep");
        }

        foreach (var group in s_groups)
        {
            if (!where.TryGetProperty(group, out var parts))
            {
                continue;
            }

            if (where.EnumerateObject().Count() != 1 || parts.ValueKind != JsonValueKind.Array || parts.GetArrayLength() > 64)
            {
                Fail($"{field}.{group}", $"node '{id}': must be the condition's only field, an array of at most 64 conditions");
            }

            var predicates = parts.EnumerateArray().Select((p, i) => ParseWhere(p, $"{field}.{group}[{i}]", id, depth + 1)).ToArray();
            return group == "all" ? new AllPredicate(predicates) : new AnyPredicate(predicates);
        }

        var name = where.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String && f.GetString() is { Length: > 0 } n
            ? n : Fail<string>($"{field}.field", $"node '{id}': required: the name of a top-level field");
        var tests = where.EnumerateObject().Where(p => p.Name != "field").ToArray();
        if (tests.Length != 1 || s_ops.FirstOrDefault(o => o.Name == tests[0].Name) is not { Name: not null } op)
        {
            return Fail<Predicate>(field, $"node '{id}': needs exactly one test besides field: eq, ne, gt, ge, lt, le, in, exists (or all/any)");
        }

        var value = tests[0].Value;
        var path = $"{field}.{op.Name}";
        switch (op.Op)
        {
            case CompareOp.Exists:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? new FieldPredicate(name, op.Op, [], value.GetBoolean())
                    : Fail<Predicate>(path, $"node '{id}': must be true or false");
            case CompareOp.In:
                return value.ValueKind == JsonValueKind.Array && value.GetArrayLength() is > 0 and <= MaxInValues
                    ? new FieldPredicate(name, op.Op, [.. value.EnumerateArray().Select(v => Scalar(v, path, id))], true)
                    : Fail<Predicate>(path, $"node '{id}': must be an array of 1-{MaxInValues} constants");
            case CompareOp.Eq or CompareOp.Ne:
                return new FieldPredicate(name, op.Op, [Scalar(value, path, id)], true);
            default:
                var operand = Scalar(value, path, id);
                return operand.IsNumber || operand.IsString
                    ? new FieldPredicate(name, op.Op, [operand], true)
                    : Fail<Predicate>(path, $"node '{id}': must be a number or a string");
        }
    }

    private static Operand Scalar(JsonElement value, string field, string id) =>
        value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
            ? Fail<Operand>(field, $"node '{id}': must be a constant (string, number, boolean or null)")
            : new Operand(value);
}
