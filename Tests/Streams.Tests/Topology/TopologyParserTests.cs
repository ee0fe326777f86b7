using System.Text.Json;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Tests.Topology;

public sealed class TopologyParserTests
{
    private const string Source = """{"id": "in", "source": "http"}""";
    private const string Sink = """{"id": "out", "sink": "collect", "input": "c"}""";

    private static (TopologySpec? Topology, TopologyError? Error) Parse(string nodes)
    {
        using var document = JsonDocument.Parse("""{"topology": {"nodes": [""" + nodes + "]}}");
        return TopologyParser.Parse(document.RootElement, _ => (null, "outside the input root"));
    }

    [Test]
    public void Parse_TheIssuesTopology_HasItsNodesInOrder()
    {
        var (topology, error) = Parse("""
            {"id": "in", "source": "http"},
            {"id": "valid", "op": "filter", "input": "in", "where": {"field": "amount", "gt": 0}},
            {"id": "per_user", "op": "count", "input": "valid", "key": "user", "parallelism": 2},
            {"id": "out", "sink": "collect", "input": "per_user"}
            """);
        Assert.That(error, Is.Null);
        Assert.That(topology!.Nodes.Select(n => n.Id), Is.EqualTo(new[] { "in", "valid", "per_user", "out" }));
        Assert.That(topology["per_user"].Edge, Is.EqualTo(EdgeKind.Key), "a keyed node defaults to a key edge");
        Assert.That(topology["valid"].Edge, Is.EqualTo(EdgeKind.RoundRobin));
        Assert.That(topology["per_user"].Parallelism, Is.EqualTo(2));
    }

    [TestCase("""{"id": "in", "source": "kafka"}""", "config.topology.nodes[0].source", "unknown source 'kafka'")]
    [TestCase(Source + """, {"id": "c", "op": "join", "input": "in"}, """ + Sink, "config.topology.nodes[1].op", "node 'c': unknown op 'join'")]
    [TestCase(Source + """, {"id": "out", "sink": "s3", "input": "in"}""", "config.topology.nodes[1].sink", "node 'out': unknown sink 's3'")]
    [TestCase(Source + """, {"id": "c", "op": "filter", "where": {"field": "a", "eq": 1}}, """ + Sink, "config.topology.nodes[1].input", "node 'c': required")]
    [TestCase(Source + """, {"id": "c", "op": "filter", "input": "nope", "where": {"field": "a", "eq": 1}}, """ + Sink, "config.topology.nodes[1].input", "node 'c': no node has the id 'nope'")]
    [TestCase(Source + """, {"id": "in", "sink": "log", "input": "in"}""", "config.topology.nodes[1].id", "node 'in': duplicate id")]
    [TestCase(Source + """, {"id": "a", "op": "filter", "input": "b", "where": {"field": "x", "exists": true}}, {"id": "b", "op": "filter", "input": "a", "where": {"field": "x", "exists": true}}, {"id": "out", "sink": "log", "input": "b"}""",
        "config.topology.nodes[1].input", "node 'a': its inputs form a cycle")]
    [TestCase(Source + """, {"id": "c", "op": "filter", "input": "in", "edge": "key", "where": {"field": "a", "eq": 1}}, """ + Sink, "config.topology.nodes[1].key", "node 'c': a key edge needs")]
    [TestCase(Source + """, {"id": "c", "op": "count", "input": "in"}, """ + Sink, "config.topology.nodes[1].key", "node 'c': count needs a key")]
    [TestCase(Source + """, {"id": "c", "op": "count", "input": "in", "key": "k", "parallelism": 0}, """ + Sink, "config.topology.nodes[1].parallelism", "node 'c': must be a whole number from 1 to 64")]
    [TestCase(Source + """, {"id": "c", "op": "count", "input": "in", "key": "k", "parallelism": 65}, """ + Sink, "config.topology.nodes[1].parallelism", "node 'c'")]
    [TestCase(Source + """, {"id": "c", "op": "count", "input": "in", "key": "k", "parallelism": 2, "edge": "forward"}, """ + Sink, "config.topology.nodes[1].edge", "node 'c': a forward edge needs the parallelism of its input (1)")]
    [TestCase(Source + """, {"id": "c", "op": "filter", "input": "in", "where": {"field": "a", "between": 1}}, """ + Sink, "config.topology.nodes[1].where", "node 'c': needs exactly one test")]
    [TestCase(Source + """, {"id": "c", "op": "filter", "input": "in", "where": {"field": "a", "gt": [1]}}, """ + Sink, "config.topology.nodes[1].where.gt", "node 'c'")]
    [TestCase(Source + """, {"id": "c", "op": "filter", "input": "in", "wher": 1}, """ + Sink, "config.topology.nodes[1].wher", "node 'c': unknown field")]
    [TestCase(Source + """, {"id": "c", "op": "filter", "input": "in", "where": {"field": "a", "eq": 1}}""", "config.topology.nodes[1].id", "node 'c': nothing takes its events")]
    [TestCase(Source + """, {"id": "out", "sink": "log", "input": "in"}, {"id": "more", "sink": "log", "input": "out"}""", "config.topology.nodes[2].input", "node 'more': its input 'out' is a sink")]
    [TestCase("""{"id": "in", "source": "file", "path": "../etc/passwd"}, {"id": "out", "sink": "log", "input": "in"}""", "config.topology.nodes[0].path", "node 'in': outside the input root")]
    [TestCase("""{"id": "in", "source": "http", "parallelism": 2}, {"id": "out", "sink": "log", "input": "in"}""", "config.topology.nodes[0].parallelism", "node 'in': an http source runs 1 instance (it reads one ordered log)")]
    [TestCase("""{"id": "in", "source": "generator", "parallelism": 65}, {"id": "out", "sink": "log", "input": "in"}""", "config.topology.nodes[0].parallelism", "node 'in': must be a whole number from 1 to 64")]
    [TestCase("""{"id": "in", "source": "http", "op": "filter"}""", "config.topology.nodes[0]", "node 'in': needs exactly one of source, op, sink")]
    [TestCase(Source + """, {"id": "c", "op": "plugin:", "input": "in"}, """ + Sink, "config.topology.nodes[1].op", "node 'c': a plugin's name is 1-64")]
    [TestCase(Source + """, {"id": "c", "op": "plugin:a/b", "input": "in"}, """ + Sink, "config.topology.nodes[1].op", "node 'c': a plugin's name")]
    [TestCase(Source + """, {"id": "c", "op": "plugin:x", "input": "in", "operation": 3}, """ + Sink, "config.topology.nodes[1].operation", "node 'c': must be a string")]
    [TestCase(Source + """, {"id": "c", "op": "plugin:x", "input": "in", "where": 3}, """ + Sink, "config.topology.nodes[1].where", "node 'c': unknown field")]
    [TestCase("""{"id": "bad id", "source": "http"}""", "config.topology.nodes[0].id", "required")]
    public void Parse_AnInvalidTopology_NamesTheFieldAndNode(string nodes, string field, string detail)
    {
        var (topology, error) = Parse(nodes);
        Assert.That(topology, Is.Null);
        Assert.That(error!.Field, Is.EqualTo(field), error.ToString());
        Assert.That(error.Detail, Does.Contain(detail));
    }

    [Test]
    public void Parse_APluginOperator_TakesItsNameAndOperation()
    {
        var (topology, error) = Parse(Source + """, {"id": "c", "op": "plugin:word-freq.v2", "input": "in", "operation": "count"}, """ + Sink);
        Assert.That(error, Is.Null);
        Assert.That(topology!["c"].Kind, Is.EqualTo(new PluginOpSpec("word-freq.v2", "count")));
    }

    [TestCase("nope", null, false, "config.topology.nodes[1].op", "node 'c': no plugin 'nope'")]
    [TestCase("tagger", "shout", true, "config.topology.nodes[1].operation", "node 'c': no operation 'shout'")]
    public void Parse_APluginTheNodeCannotRun_NamesTheFieldAndNode(string plugin, string? operation, bool ofOperation, string field, string detail)
    {
        var node = $$"""{"id": "c", "op": "plugin:{{plugin}}", "input": "in"{{(operation is null ? "" : $", \"operation\": \"{operation}\"")}}}""";
        using var document = JsonDocument.Parse("""{"topology": {"nodes": [""" + Source + ", " + node + ", " + Sink + "]}}");
        var (topology, error) = TopologyParser.Parse(document.RootElement, _ => (null, null),
            (name, op) => name == "tagger" && op is null or "tag" ? null : (ofOperation, ofOperation ? $"no operation '{op}'" : $"no plugin '{name}' is deployed"));
        Assert.That(topology, Is.Null);
        Assert.That(error!.Field, Is.EqualTo(field), error.ToString());
        Assert.That(error.Detail, Does.Contain(detail));
    }

    [Test]
    public void Parse_NoTopology_IsRefused()
    {
        using var document = JsonDocument.Parse("""{"operation": "sum"}""");
        var (_, error) = TopologyParser.Parse(document.RootElement, _ => (null, null));
        Assert.That(error!.Field, Is.EqualTo("config.operation"));
    }
}
