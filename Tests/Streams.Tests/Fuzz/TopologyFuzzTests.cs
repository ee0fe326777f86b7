using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Tests.Fuzz;

/// <summary>
/// The topology parser under generated configs (CsCheck, seeded): node lists built from the parser's own
/// vocabulary — real and unknown kinds, ids, inputs that exist or not, nested where-clauses, extreme
/// numbers, wrong types, unknown fields — so most samples get deep into validation. Every sample must be
/// either a topology that holds together or one error naming a field under <c>config</c>; nothing may
/// throw. Iterations come from FUZZ_ITERATIONS (20 000 in <c>make test</c>, 1 M in <c>make fuzz-topology</c>),
/// the seed from FUZZ_SEED.
/// </summary>
public sealed class TopologyFuzzTests
{
    private static readonly string[] s_ids = ["in", "a", "b", "c", "out", "x", "", "bad id", "😀", "a.b", new('i', 300)];
    private static readonly string[] s_sources = ["http", "generator", "file", "kafka", ""];
    private static readonly string[] s_ops = ["filter", "map", "flat_map", "count", "sum", "min", "max", "plugin:echo", "plugin:", "join"];
    private static readonly string[] s_sinks = ["collect", "file", "log", "s3"];
    private static readonly string[] s_edges = ["round_robin", "key", "broadcast", "forward", "zigzag"];
    private static readonly string[] s_fields = ["amount", "user", "ts", "a.b", "", "items", new('f', 2000)];
    private static readonly string[] s_tests = ["eq", "ne", "gt", "ge", "lt", "le", "in", "exists", "between"];
    private static readonly string[] s_keys =
        ["input", "key", "parallelism", "edge", "where", "select", "set", "rename", "field", "rate", "count", "keys", "seed", "path", "follow", "retention", "sum", "min", "max", "zzz"];

    [Test]
    public void Parse_GeneratedTopologies_AnswerATopologyOrOneNamedError()
    {
        var iterations = long.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 20_000;
        var seed = Environment.GetEnvironmentVariable("FUZZ_SEED");
        long accepted = 0, deep = 0;
        Config().Select(c => c.ToJsonString()).Sample(json =>
        {
            using var document = JsonDocument.Parse(json);
            var (topology, error) = TopologyParser.Parse(document.RootElement, path => path.Contains("..", StringComparison.Ordinal) ? (null, "outside the input root") : ($"/inputs/{path}", null));
            if ((topology is null) == (error is null))
            {
                throw new InvalidOperationException($"exactly one of a topology and an error, for {json}");
            }

            if (error is not null && (!error.Field.StartsWith("config", StringComparison.Ordinal) || error.Detail.Length == 0))
            {
                throw new InvalidOperationException($"an error names a field under config and says why: {error} for {json}");
            }

            if (topology is not null && topology.Nodes.Any(node => node.Parallelism is < 1 or > 64))
            {
                throw new InvalidOperationException($"parallelism out of range accepted: {json}");
            }

            Interlocked.Add(ref accepted, topology is null ? 0 : 1);
            Interlocked.Add(ref deep, error?.Field.Contains("].", StringComparison.Ordinal) == true ? 1 : 0);
        }, iter: iterations, seed: seed);

        TestContext.Out.WriteLine($"{iterations} configs: {accepted} accepted, {deep} refused on a node's field");
        Assert.That(accepted, Is.Positive, "the generator reaches valid topologies too");
        Assert.That(deep, Is.GreaterThan(iterations / 10), "most refusals are about a node's fields, past the outer shape");
    }

    // Valid topologies, the seeds of the mutated samples (zero mutations keep them valid).
    private static readonly string[] s_valid =
    [
        """{"topology":{"nodes":[{"id":"in","source":"http"},{"id":"valid","op":"filter","input":"in","where":{"field":"amount","gt":0}},{"id":"per_user","op":"count","input":"valid","key":"user","parallelism":2},{"id":"out","sink":"collect","input":"per_user"}]}}""",
        """{"topology":{"nodes":[{"id":"g","source":"generator","rate":1000,"count":100,"keys":10,"seed":7},{"id":"m","op":"map","input":"g","select":["key"]},{"id":"out","sink":"log","input":"m"}]}}""",
        """{"topology":{"nodes":[{"id":"in","source":"http"},{"id":"s","op":"sum","input":"in","key":"user","field":"amount"},{"id":"out","sink":"collect","input":"s"}]}}""",
    ];

    private static Gen<JsonNode> Mutated() => Gen.Select(Gen.OneOf(s_valid), Gen.Select(Gen.Int[0, 5], Gen.OneOf(s_keys), Value(2)).Array[0, 2], (json, mutations) =>
    {
        var config = JsonNode.Parse(json)!;
        var nodes = config["topology"]!["nodes"]!.AsArray();
        foreach (var (index, key, value) in mutations)
        {
            if (nodes[index % nodes.Count] is JsonObject node)
            {
                node[key] = value;
            }
        }

        return config;
    });

    private static Gen<JsonNode> Config() => Gen.Frequency(
        (40, Mutated()),
        (50, Node().Array[0, 8].Select(nodes => (JsonNode)new JsonObject { ["topology"] = new JsonObject { ["nodes"] = new JsonArray([.. nodes]) } })),
        (5, Value(2).Select(v => (JsonNode)new JsonObject { ["topology"] = v })),
        (5, Value(3).Select(v => (JsonNode)new JsonObject { ["topology"] = new JsonObject { ["nodes"] = v } })));

    private static Gen<JsonNode?> Node() => Gen.Frequency(
        (90, Gen.Select(Gen.Int[0, 9], Gen.OneOf(s_ids), Attribute().Array[0, 6], (kind, id, attributes) =>
        {
            var node = new JsonObject();
            if (kind > 0)
            {
                node["id"] = id;
            }

            switch (kind % 4)
            {
                case 1: node["source"] = s_sources[kind % s_sources.Length]; break;
                case 2: node["op"] = s_ops[kind % s_ops.Length]; break;
                case 3: node["sink"] = s_sinks[kind % s_sinks.Length]; break;
                default: node["source"] = "http"; node["op"] = "filter"; break;
            }

            foreach (var (key, value) in attributes)
            {
                node[key] = value;
            }

            return (JsonNode?)node;
        })),
        (10, Value(2)));

    private static Gen<(string Key, JsonNode? Value)> Attribute() => Gen.OneOf(s_keys).SelectMany(key => (key switch
    {
        "input" => Gen.Frequency((80, Gen.OneOf(s_ids).Select(id => (JsonNode?)id)), (20, Value(1))),
        "key" or "field" => Gen.Frequency((80, Gen.OneOf(s_fields).Select(f => (JsonNode?)f)), (20, Value(1))),
        "parallelism" or "rate" or "count" or "keys" or "seed" or "retention" => Number(),
        "edge" => Gen.Frequency((80, Gen.OneOf(s_edges).Select(e => (JsonNode?)e)), (20, Value(1))),
        "where" => Clause(3),
        _ => Value(2),
    }).Select(value => (key, value)));

    // The recursive branches exist only above depth 0: a generator is built eagerly, so they must not be built below it.
    private static Gen<JsonNode?> Clause(int depth)
    {
        var test = Gen.Select(Gen.OneOf(s_fields), Gen.OneOf(s_tests), Value(1), (field, test, value) => (JsonNode?)new JsonObject { ["field"] = field, [test] = value });
        return depth == 0
            ? Gen.Frequency((85, test), (15, Value(1)))
            : Gen.Frequency((60, test), (10, Value(1)), (30, Gen.Select(Gen.OneOf("all", "any", "none"), Gen.Int[0, 4], (combine, count) => (combine, count))
                .SelectMany(c => Clause(depth - 1).Array[c.count].Select(clauses => (JsonNode?)new JsonObject { [c.combine] = new JsonArray([.. clauses]) }))));
    }

    private static Gen<JsonNode?> Number() => Gen.Frequency(
        (50, Gen.Int[-2, 70].Select(i => (JsonNode?)i)),
        (20, Gen.OneOf<JsonNode?>(0, -1, int.MaxValue, int.MinValue, long.MaxValue, 1e308, -0.0, 2.5, 1e-9)),
        (30, Value(1)));

    private static Gen<JsonNode?> Value(int depth)
    {
        var scalar = Gen.Frequency(
            (15, Gen.Const((JsonNode?)null)),
            (10, Gen.Bool.Select(b => (JsonNode?)b)),
            (20, Gen.Long.Select(l => (JsonNode?)l)),
            (10, Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)d : null)),
            (25, Gen.Frequency((70, Gen.OneOf(s_ids)), (30, Gen.String[0, 40])).Select(s => (JsonNode?)s)));
        return depth == 0
            ? scalar
            : Gen.Frequency(
                (80, scalar),
                (10, Value(depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items]))),
                (10, Gen.Select(Gen.OneOf(s_keys), Value(depth - 1), (k, v) => (JsonNode?)new JsonObject { [k] = v })));
    }
}
