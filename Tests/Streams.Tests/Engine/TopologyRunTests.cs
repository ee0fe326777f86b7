using System.Text;
using DistSys.Streams.Engine;
using DistSys.Streams.Sources;
using DistSys.Streams.Tests.Support;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Tests.Engine;

public sealed class TopologyRunTests
{
    private static readonly GeneratorSourceSpec s_spec = new(0, 20000, 100, 7, 100);

    [Test]
    public async Task Run_GeneratorFilterCountByKeyEdge_FinalCountsMatchTheReference()
    {
        await using var harness = await StreamHarness.StartAsync();
        var stream = await harness.SubmitAsync("""
            {"topology": {"nodes": [
              {"id": "in", "source": "generator", "count": 20000, "keys": 100, "seed": 7},
              {"id": "valid", "op": "filter", "input": "in", "where": {"field": "amount", "gt": 0}},
              {"id": "per_key", "op": "count", "input": "valid", "key": "key", "parallelism": 2},
              {"id": "out", "sink": "collect", "input": "per_key"}]}}
            """);
        var done = await harness.AwaitStatusAsync(stream, StreamStatus.Completed);

        var reference = Enumerable.Range(0, 20000).Where(i => GeneratedEvent.Amount(s_spec, i) > 0)
            .GroupBy(i => GeneratedEvent.Key(s_spec, i)).ToDictionary(g => g.Key, g => (double)g.Count());
        Assert.That(harness.Final(stream.Id, "out", "key", "count"), Is.EquivalentTo(reference));
        Assert.That(done.Sources[0].Acked, Is.EqualTo(20000), "every event acknowledged by the sink");
        Assert.That(done.Instances.Where(i => i.Node == "per_key").Select(i => i.EventsIn), Has.All.GreaterThan(0), "both instances got keys");
    }

    [Test]
    public async Task Run_BroadcastEdge_EveryInstanceSeesEveryEvent()
    {
        await using var harness = await StreamHarness.StartAsync();
        var stream = await harness.SubmitAsync("""
            {"topology": {"nodes": [
              {"id": "in", "source": "generator", "count": 3000, "keys": 10},
              {"id": "copy", "op": "map", "input": "in", "edge": "broadcast", "parallelism": 3, "select": ["seq"]},
              {"id": "out", "sink": "collect", "input": "copy"}]}}
            """);
        await harness.AwaitStatusAsync(stream, StreamStatus.Completed);

        var seqs = harness.Collected(stream.Id, "out").GroupBy(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.That(seqs, Has.Count.EqualTo(3000));
        Assert.That(seqs.Select(g => g.Count()), Has.All.EqualTo(3));
    }

    [Test]
    public async Task Run_RoundRobinThenForward_ChainsIntoOneProcessAndKeepsEveryEvent()
    {
        const string config = """
            {"topology": {"nodes": [
              {"id": "in", "source": "generator", "count": 5000, "keys": 10},
              {"id": "valid", "op": "filter", "input": "in", "parallelism": 2, "where": {"field": "amount", "le": 0}},
              {"id": "slim", "op": "map", "input": "valid", "edge": "forward", "parallelism": 2, "select": ["seq", "amount"]},
              {"id": "out", "sink": "collect", "input": "slim", "edge": "forward", "parallelism": 2}]}}
            """;
        var stages = Stage.Plan(StreamHarness.Parse(config));
        Assert.That(stages.Select(s => string.Join("+", s.Nodes.Select(n => n.Id))), Is.EqualTo(new[] { "in", "valid+slim+out" }));

        await using var harness = await StreamHarness.StartAsync();
        var stream = await harness.SubmitAsync(config);
        await harness.AwaitStatusAsync(stream, StreamStatus.Completed);

        var expected = Enumerable.Range(0, 5000).Where(i => GeneratedEvent.Amount(new GeneratorSourceSpec(0, 5000, 10, 1, 100), i) <= 0).Select(i => (long)i);
        Assert.That(harness.Collected(stream.Id, "out").Select(e => e.GetProperty("seq").GetInt64()), Is.EquivalentTo(expected));
    }

    [Test]
    public async Task Ingest_HttpSourceThenStop_EveryAcceptedEventReachesTheSinkThenStopped()
    {
        await using var harness = await StreamHarness.StartAsync();
        var stream = await harness.SubmitAsync("""
            {"topology": {"nodes": [
              {"id": "in", "source": "http"},
              {"id": "per_user", "op": "sum", "input": "in", "key": "user", "field": "amount", "parallelism": 2},
              {"id": "out", "sink": "collect", "input": "per_user"}]}}
            """);
        for (var round = 0; round < 20; round++)
        {
            var body = string.Concat(Enumerable.Range(0, 50).Select(i => $"{{\"user\":\"u{i % 5}\",\"amount\":{i}}}\n"));
            Assert.That(harness.Master.Ingest(stream.Id, "in", Encoding.UTF8.GetBytes(body)).Outcome, Is.EqualTo(IngestOutcome.Accepted));
        }

        var stopped = await Eventually.Within(harness.Master.CallAsync<StreamHandle>(new StopStream(stream.Id)));
        Assert.That(stopped.Status, Is.EqualTo(StreamStatus.Stopped));
        var expected = Enumerable.Range(0, 50).GroupBy(i => $"u{i % 5}").ToDictionary(g => g.Key, g => 20.0 * g.Sum());
        Assert.That(harness.Final(stream.Id, "out", "user", "sum"), Is.EquivalentTo(expected));
        Assert.That(harness.Master.Ingest(stream.Id, "in", "{}\n"u8).Outcome, Is.EqualTo(IngestOutcome.NotRunning));
        Assert.That(harness.Master.Ingest(stream.Id, "out", "{}\n"u8).Outcome, Is.EqualTo(IngestOutcome.NotHttpSource));
        Assert.That(harness.Master.Ingest("job-s99", "in", "{}\n"u8).Outcome, Is.EqualTo(IngestOutcome.UnknownJob));
    }

    [Test]
    public async Task Resume_AfterAMasterCrash_RunningTopologyContinuesAndKeepsAcceptedEvents()
    {
        var directory = StreamHarness.NewDataDirectory();
        const string config = """
            {"topology": {"nodes": [{"id": "in", "source": "http"}, {"id": "out", "sink": "collect", "input": "in"}]}}
            """;
        StreamHandle stream;
        var first = await StreamHarness.StartAsync(directory);
        {
            stream = await first.SubmitAsync(config);
            first.Master.Ingest(stream.Id, "in", "{\"n\":1}\n{\"n\":2}\n"u8);
            await Eventually.True(() => first.Collected(stream.Id, "out").Count == 2, "the first events collected");
            await first.CrashAsync();
        }

        await using var second = await StreamHarness.StartAsync(directory);
        await Eventually.True(() => second.Master.Streams.TryGetValue(stream.Id, out var s) && s.Status == StreamStatus.Running, "the topology resumed");
        Assert.That(second.Master.Ingest(stream.Id, "in", "{\"n\":3}\n"u8).Outcome, Is.EqualTo(IngestOutcome.Accepted));
        await Eventually.True(() => second.Collected(stream.Id, "out").Any(e => e.GetProperty("n").GetInt32() == 3), "an event after the restart collected");
        Assert.That(second.Collected(stream.Id, "out").Select(e => e.GetProperty("n").GetInt32()).Distinct(), Is.EquivalentTo(new[] { 1, 2, 3 }));
    }
}
