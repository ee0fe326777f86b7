using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace DistSys.Integration.Tests.Fuzz;

/// <summary>A route as the node's OpenAPI document lists it: a method, a path template and its query parameters.</summary>
internal sealed record FuzzRoute(string Method, string Template, string[] Query);

/// <summary>
/// Generates hostile requests for a node's routes (CsCheck generators, so a run is reproduced from its
/// seed): mostly the right method with the token, so the handlers themselves are reached, and otherwise
/// other methods, no or wrong credentials, odd media types and Accept headers; path parameters that are
/// real ids, random text, traversal, escapes and long segments; bodies that are valid examples, those
/// examples mutated, random JSON, deep nesting, random bytes, truncations and oversized ones.
/// </summary>
internal static class RequestGen
{
    private static readonly string[] s_methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FUZZ"];

    private static readonly string[] s_contentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/x-ndjson", "application/octet-stream",
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
        "*/*", ";;;", "application/", "",
    ];

    private static readonly string[] s_accepts = ["application/json", "application/x-ndjson", "text/plain", "*/*", "text/html", "application/xml", "x/y;q=0.1, */*;q=0"];

    private static readonly string[] s_segments =
    [
        "job-1", "job-2", "job-s1", "job-0", "job-99999999999999999999", "worker1", "master", "in", "out", "echo",
        "..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%00", "%ff%fe", "%", "%zz", "~", "a b", "%20", "null", "-1", "0", "1e9",
        "😀", "ä", "CON", "*", "'", "\"", "%3Cscript%3E",
    ];

    private const string TextChars = "abcXYZ019-_.~%/?#&=+:@!$'()*,;[]{}<>\\|^` \t\"";

    /// <summary>Valid bodies by path prefix: what a client would send, the seed of the mutations.</summary>
    private static readonly (string Prefix, string[] Bodies)[] s_examples =
    [
        ("/api/jobs", [
            """{"name":"Multiplicar","type":"batch","config":{"operation":"multiply","factor":3,"task_count":5}}""",
            """{"name":"s","config":{"operation":"sum","task_count":3,"max_retries":1,"task_timeout_ms":1000}}""",
            """{"name":"wc","config":{"operation":"wordcount","input":{"file":"words.txt"},"reduce_tasks":2}}""",
            """{"name":"clicks","type":"streaming","config":{"topology":{"nodes":[{"id":"in","source":"http"},{"id":"valid","op":"filter","input":"in","where":{"field":"amount","gt":0}},{"id":"per_user","op":"count","input":"valid","key":"user","parallelism":2},{"id":"out","sink":"collect","input":"per_user"}]}}}""",
        ]),
        ("/api/streams", ["{\"user\":\"a\",\"amount\":5}\n{\"user\":\"b\",\"amount\":-1}\n{\"user\":\"a\",\"amount\":7}\n"]),
        ("/api/workers/register", ["""{"address":"127.0.0.1:9","max_tasks":10}"""]),
        ("/api/workers/heartbeat", ["""{"worker_id":"worker1","status":"active","active_tasks":2,"metrics":{},"timestamp":"2024-01-01T12:00:00Z"}"""]),
        ("/api/plugins", ["""{"name":"echo","version":"1.0.0","path":"echo/run.sh"}"""]),
    ];

    public static Gen<FuzzRequest> Requests(IReadOnlyList<FuzzRoute> routes, int loopbackPort)
    {
        var route = Gen.Frequency((95, Gen.OneOf([.. routes])), (5, Gen.Const<FuzzRoute>(new FuzzRoute("GET", "/{x}/{y}", ["q"]))));
        return route.SelectMany(r => Gen.Select(
            Gen.Frequency((85, Gen.Const<string>(r.Method)), (15, Gen.OneOf(s_methods))),
            Path(r),
            Gen.Frequency((85, Gen.Const(FuzzAuth.Token)), (5, Gen.Const(FuzzAuth.None)), (5, Gen.Const(FuzzAuth.WrongToken)), (5, Gen.Const(FuzzAuth.Malformed))),
            Gen.Frequency((80, Gen.Const<string?>(DefaultType(r))), (20, Gen.OneOf(s_contentTypes).Select(t => (string?)t))),
            Gen.Frequency((80, Gen.Const((string?)null)), (20, Gen.OneOf(s_accepts).Select(a => (string?)a))),
            Body(r, loopbackPort),
            Gen.Frequency((90, Gen.Const((string?)null)), (10, Text(0, 200).Select(t => (string?)t))),
            (method, path, auth, type, accept, body, header) => new FuzzRequest(method, path, auth, body is null ? null : type, accept, body, header)));
    }

    private static string DefaultType(FuzzRoute route) =>
        route.Template.StartsWith("/api/streams", StringComparison.Ordinal) && route.Method == "POST" ? "application/x-ndjson" : "application/json";

    private static Gen<string> Text(int min, int max) => Gen.Char[TextChars].Array[min, max].Select(c => new string(c));

    private static Gen<string> Segment() => Gen.Frequency(
        (60, Gen.OneOf(s_segments)),
        (25, Text(1, 40).Select(Uri.EscapeDataString)),
        (10, Gen.Int[0, 1_000_000].Select(n => $"job-{n}")),
        (5, Gen.Int[256, 8000].Select(n => new string('a', n))));

    private static Gen<string> Path(FuzzRoute route)
    {
        var parts = route.Template.Split('/');
        var holes = parts.Count(p => p.StartsWith('{'));
        var query = Gen.Frequency(
            (50, Gen.Const<string>("")),
            (40, Gen.Select(Gen.OneOf([.. route.Query, "from", "limit", "part", "n", "by", "x"]), QueryValue(), (k, v) => $"?{k}={v}")),
            (10, Text(0, 100).Select(t => "?" + t.Replace("#", "%23", StringComparison.Ordinal))));
        return Gen.Select(Segment().Array[holes], query, (values, q) =>
        {
            var next = 0;
            return string.Join('/', parts.Select(p => p.StartsWith('{') ? values[next++] : p)) + q;
        });
    }

    private static Gen<string> QueryValue() => Gen.Frequency(
        (40, Gen.Int[-2, 2000].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (20, Gen.OneOf("0", "-1", "99999999999999999999", "1e3", "NaN", "", "true", "0x10", "mailbox", "messages", "memory")),
        (40, Text(0, 30).Select(Uri.EscapeDataString)));

    private static Gen<byte[]?> Body(FuzzRoute route, int loopbackPort)
    {
        var examples = s_examples.Where(e => route.Template.StartsWith(e.Prefix, StringComparison.Ordinal)).SelectMany(e => e.Bodies).DefaultIfEmpty("{}").ToArray();
        var body = Gen.Frequency(
            (100, Gen.Const((byte[]?)null)),
            (250, Gen.OneOf(examples).Select(e => (byte[]?)Encoding.UTF8.GetBytes(e))),
            (350, Gen.Select(Gen.OneOf(examples), Gen.Int, Gen.Int[1, 6], (e, seed, n) => (byte[]?)Mutate(e, seed, n))),
            (100, RandomJson(5).Select(v => (byte[]?)Encoding.UTF8.GetBytes(v))),
            (50, Gen.Int[100, 20_000].Select(depth => (byte[]?)Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)))),
            (80, Gen.Byte.Array[0, 2000].Select(b => (byte[]?)b)),
            (69, Gen.Select(Gen.OneOf(examples), Gen.Int[0, 400], (e, cut) => (byte[]?)Encoding.UTF8.GetBytes(e[..Math.Min(cut, e.Length)]))),
            (1, Gen.Int[0, 1 << 20].Select(extra => (byte[]?)Oversized((16 << 20) + 1 + extra))));
        // The master dials a registering worker's address: whatever the body became, that address stays on
        // loopback, so the fuzz never sends a packet (or a DNS query) anywhere else.
        return route.Template.StartsWith("/api/workers/register", StringComparison.Ordinal)
            ? body.Select(b => KeepAddressOnLoopback(b, loopbackPort))
            : body;
    }

    private static byte[] Oversized(int bytes)
    {
        var body = new byte[bytes];
        body.AsSpan().Fill((byte)'a');
        "{\"name\":\""u8.CopyTo(body);
        "\"}"u8.CopyTo(body.AsSpan(bytes - 2));
        return body;
    }

    private static Gen<string> RandomJson(int depth) => depth == 0
        ? Scalar()
        : Gen.Frequency(
            (50, Scalar()),
            (25, RandomJson(depth - 1).Array[0, 5].Select(items => "[" + string.Join(',', items) + "]")),
            (25, Gen.Select(Text(0, 12), RandomJson(depth - 1)).Array[0, 5]
                .Select(fields => "{" + string.Join(',', fields.Select(f => JsonSerializer.Serialize(f.Item1) + ":" + f.Item2)) + "}")));

    private static Gen<string> Scalar() => Gen.Frequency(
        (20, Gen.OneOf("null", "true", "false", "0", "-0", "1e308", "-1e309", "1.5", "18446744073709551616", "\"\"", "\"\\u0000\"", "\"\\ud800\"")),
        (40, Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (40, Text(0, 40).Select(t => JsonSerializer.Serialize(t))));

    /// <summary><paramref name="count"/> structural edits of a valid body, chosen by <paramref name="seed"/>: a value replaced, a field dropped or added, a string grown.</summary>
    private static byte[] Mutate(string example, int seed, int count)
    {
        var random = new Random(seed);
        if (example.Contains('\n', StringComparison.Ordinal))
        {
            var lines = example.Split('\n').ToList();
            for (var i = 0; i < count; i++)
            {
                var at = random.Next(lines.Count);
                lines[at] = random.Next(4) switch
                {
                    0 => lines[at] + new string('x', random.Next(1, 70_000)),
                    1 => "{\"user\":" + random.NextInt64() + ",\"amount\":\"" + random.Next() + "\"}",
                    2 => new string('{', random.Next(1, 3000)),
                    _ => "",
                };
            }

            return Encoding.UTF8.GetBytes(string.Join('\n', lines));
        }

        var root = JsonNode.Parse(example)!;
        for (var i = 0; i < count; i++)
        {
            var nodes = Descendants(root).ToList();
            var target = nodes[random.Next(nodes.Count)];
            switch (random.Next(5))
            {
                case 0 when target.Parent is JsonObject parent:
                    parent.Remove(target.GetPropertyName());
                    break;
                case 1 when target is JsonObject obj:
                    obj[$"f{random.Next(100)}"] = RandomNode(random);
                    break;
                case 2 when target is JsonValue value && value.TryGetValue<string>(out var text):
                    target.ReplaceWith(text + new string('z', random.Next(1, 5000)));
                    break;
                default:
                    if (target.Parent is not null)
                    {
                        target.ReplaceWith(RandomNode(random));
                    }

                    break;
            }
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    private static JsonNode? RandomNode(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
        3 => JsonValue.Create(random.NextDouble() * 1e12 - 5e11),
        4 => JsonValue.Create(new string((char)random.Next(32, 0x2FFF), random.Next(0, 300))),
        5 => new JsonArray(JsonValue.Create(random.Next()), JsonValue.Create("x")),
        6 => new JsonObject { ["x"] = random.Next() },
        7 => JsonValue.Create(random.Next(-10, 100_000)),
        _ => JsonValue.Create(""),
    };

    private static byte[]? KeepAddressOnLoopback(byte[]? body, int port)
    {
        if (body is null)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(body) is JsonObject obj && obj.ContainsKey("address"))
            {
                obj["address"] = $"127.0.0.1:{port}";
                return Encoding.UTF8.GetBytes(obj.ToJsonString());
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // Duplicate keys, depth past the parser's limit: handled below like any other unreadable body.
        }

        // Not JSON the node can read, so it dials nothing; unless it still mentions an address a lenient
        // reader might find, which is then dropped.
        return Encoding.UTF8.GetString(body).Contains("address", StringComparison.Ordinal) ? null : body;
    }
}
