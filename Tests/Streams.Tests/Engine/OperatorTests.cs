using System.Text;
using System.Text.Json;
using DistSys.Streams.Operators;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Tests.Engine;

public sealed class OperatorTests
{
    private sealed class Collect : EventOutput
    {
        public List<string> Events { get; } = [];

        public override void Emit(ReadOnlySpan<byte> evt) => Events.Add(Encoding.UTF8.GetString(evt));
    }

    private static Operator Build(string nodeJson)
    {
        var topology = Support.StreamHarness.Parse("""{"topology": {"nodes": [{"id": "in", "source": "http"}, """ + nodeJson + """, {"id": "out", "sink": "log", "input": "op"}]}}""");
        var node = topology["op"];
        return node.Kind switch
        {
            FilterSpec f => new FilterOperator(f.Where),
            MapSpec m => new MapOperator(m),
            FlatMapSpec fm => new FlatMapOperator(fm.Field),
            AggregateSpec a => new AggregateOperator(a.Aggregate, node.Key!, a.Field),
            _ => throw new AssertionException("not an operator"),
        };
    }

    private static List<string> Run(Operator op, params string[] events)
    {
        var output = new Collect();
        foreach (var evt in events)
        {
            op.OnEvent(Encoding.UTF8.GetBytes(evt), output);
        }

        op.OnBatchEnd(output);
        return output.Events;
    }

    private static readonly string[] s_events =
    [
        """{"user":"a","amount":5,"tag":"x"}""", """{"user":"b","amount":-1}""", """{"user":"a","amount":0,"tag":"y"}""",
        """{"user":"c","amount":12.5,"tag":"x"}""", """{"amount":"7"}""",
    ];

    [TestCase("""{"field": "amount", "gt": 0}""", new[] { 0, 3 })]
    [TestCase("""{"field": "amount", "ge": 0}""", new[] { 0, 2, 3 })]
    [TestCase("""{"field": "amount", "lt": 0}""", new[] { 1 })]
    [TestCase("""{"field": "amount", "le": 0}""", new[] { 1, 2 })]
    [TestCase("""{"field": "amount", "eq": 5.0}""", new[] { 0 })]
    [TestCase("""{"field": "user", "ne": "a"}""", new[] { 1, 3, 4 })]
    [TestCase("""{"field": "user", "in": ["b", "c"]}""", new[] { 1, 3 })]
    [TestCase("""{"field": "tag", "exists": true}""", new[] { 0, 2, 3 })]
    [TestCase("""{"field": "tag", "exists": false}""", new[] { 1, 4 })]
    [TestCase("""{"all": [{"field": "tag", "eq": "x"}, {"field": "amount", "gt": 6}]}""", new[] { 3 })]
    [TestCase("""{"any": [{"field": "user", "eq": "b"}, {"field": "tag", "eq": "y"}]}""", new[] { 1, 2 })]
    public void Filter_EachTest_KeepsWhatTheReferenceKeeps(string where, int[] kept)
    {
        var op = Build($$"""{"id": "op", "op": "filter", "input": "in", "where": {{where}}}""");
        Assert.That(Run(op, s_events), Is.EqualTo(kept.Select(i => s_events[i])));
    }

    [Test]
    public void Map_SelectRenameSet_RewritesEachEvent()
    {
        var op = Build("""{"id": "op", "op": "map", "input": "in", "select": ["user", "amount"], "rename": {"amount": "value"}, "set": {"src": "web", "user": 1}}""");
        Assert.That(Run(op, s_events[0], s_events[4]), Is.EqualTo(new[] { """{"value":5,"src":"web","user":1}""", """{"value":"7","src":"web","user":1}""" }));
    }

    [Test]
    public void FlatMap_AnArrayField_EmitsOneEventPerElement()
    {
        var op = Build("""{"id": "op", "op": "flat_map", "input": "in", "field": "items"}""");
        var events = Run(op, """{"u":"a","items":[1,{"b":2},"c"]}""", """{"u":"b","items":[]}""", """{"u":"c"}""");
        Assert.That(events, Is.EqualTo(new[] { """{"u":"a","items":1}""", """{"u":"a","items":{"b":2}}""", """{"u":"a","items":"c"}""" }));
    }

    [TestCase("count", null, "a", 2.0, "c", 1.0)]
    [TestCase("sum", "amount", "a", 5.0, "c", 12.5)]
    [TestCase("min", "amount", "a", 0.0, "b", -1.0)]
    [TestCase("max", "amount", "a", 5.0, "c", 12.5)]
    public void Aggregate_PerKey_EmitsTheReferenceValueOnce(string kind, string? field, string key1, double value1, string key2, double value2)
    {
        var op = Build($$"""{"id": "op", "op": "{{kind}}", "input": "in", "key": "user"{{(field is null ? "" : $", \"field\": \"{field}\"")}}}""");
        var results = Run(op, s_events).Select(e => JsonDocument.Parse(e).RootElement).ToDictionary(e => e.GetProperty("user").GetString()!, e => e.GetProperty(kind).GetDouble());
        Assert.That(results[key1], Is.EqualTo(value1));
        Assert.That(results[key2], Is.EqualTo(value2));
        Assert.That(Run(op), Is.Empty, "nothing changed, nothing emitted");
    }
}
