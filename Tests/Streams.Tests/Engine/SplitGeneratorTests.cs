using System.Text;
using System.Text.Json;
using DistSys.Runtime;
using DistSys.Streams.Operators;
using DistSys.Streams.Sources;
using DistSys.Streams.Tests.Support;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Tests.Engine;

/// <summary>A generator with parallelism P: instance i emits the events N mod P = i, so together the events of one instance.</summary>
public sealed class SplitGeneratorTests
{
    private static readonly GeneratorSourceSpec s_spec = new(0, 100, 10, 3, 100);

    [TestCase(0, 1)]
    [TestCase(0, 3)]
    [TestCase(10, 3)]
    [TestCase(11, 4)]
    [TestCase(99, 5)]
    public void Read_PInstancesFromAnAckedOffset_EmitEveryEventFromItOnceAndOnlyTheirShare(long acked, int parallelism)
    {
        var seen = new List<(int Instance, long Seq)>();
        for (var i = 0; i < parallelism; i++)
        {
            var source = new GeneratorSource(s_spec, acked, i, parallelism);
            var output = new Seqs();
            while (!source.Exhausted)
            {
                source.Read(output, 7);
            }

            seen.AddRange(output.Seen.Select(seq => (i, seq)));
            Assert.That(source.Offset, Is.GreaterThanOrEqualTo(100), "exhausted at the count");
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen.Select(s => s.Seq), Is.EquivalentTo(Enumerable.Range((int)acked, 100 - (int)acked).Select(n => (long)n)));
            Assert.That(seen.All(s => s.Seq % parallelism == s.Instance), Is.True, "each instance emits its residue only");
        });
    }

    [Test]
    public void Read_SplitGenerator_EmitsTheSameEventsAsOneInstance()
    {
        var one = new Seqs();
        var single = new GeneratorSource(s_spec, 0);
        while (!single.Exhausted)
        {
            single.Read(one, 1000);
        }

        var split = new Seqs();
        for (var i = 0; i < 3; i++)
        {
            var part = new GeneratorSource(s_spec, 0, i, 3);
            while (!part.Exhausted)
            {
                part.Read(split, 1000);
            }
        }

        Assert.That(split.Events.Order(), Is.EqualTo(one.Events.Order()), "byte for byte, the same events");
    }

    [Test]
    public async Task Run_GeneratorWithParallelism3IntoCountByKey_FinalCountsMatchTheReference()
    {
        await using var harness = await StreamHarness.StartAsync();
        var stream = await harness.SubmitAsync("""
            {"topology": {"nodes": [
              {"id": "in", "source": "generator", "count": 30000, "keys": 50, "seed": 3, "parallelism": 3},
              {"id": "per_key", "op": "count", "input": "in", "key": "key", "parallelism": 2},
              {"id": "out", "sink": "collect", "input": "per_key"}]}}
            """);
        var done = await harness.AwaitStatusAsync(stream, StreamStatus.Completed);

        var spec = new GeneratorSourceSpec(0, 30000, 50, 3, 100);
        var reference = Enumerable.Range(0, 30000).GroupBy(i => GeneratedEvent.Key(spec, i)).ToDictionary(g => g.Key, g => (double)g.Count());
        Assert.Multiple(() =>
        {
            Assert.That(harness.Final(stream.Id, "out", "key", "count"), Is.EquivalentTo(reference));
            Assert.That(done.Sources[0].Acked, Is.GreaterThanOrEqualTo(30000), "acknowledged past the last event");
            Assert.That(done.Instances.Where(i => i.Node == "in").Select(i => i.EventsOut), Is.All.EqualTo(10000), "an equal share each");
        });
    }

    [Test]
    public async Task Run_ASplitGeneratorInstanceKilled_EveryEventReachesTheSinkAtLeastOnce()
    {
        await using var harness = await StreamHarness.StartAsync();
        var stream = await harness.SubmitAsync("""
            {"topology": {"nodes": [
              {"id": "in", "source": "generator", "count": 200000, "rate": 100000, "keys": 10, "parallelism": 2},
              {"id": "slim", "op": "map", "input": "in", "select": ["seq"]},
              {"id": "out", "sink": "collect", "input": "slim", "retention": 1000000}]}}
            """);
        // At 100 000 events/s the run lasts 2 s at least, so the kill below lands while instance 1 still emits.
        var handle = harness.Master.Streams[stream.Id];
        await Eventually.True(() => handle.Instances.Count == 4 && handle.Sources[0].Acked > 10000, "the topology runs");
        harness.Runtime.Exit(handle.Instances.First(i => i.Node == "in" && i.Instance == 1).Process, ExitReason.Kill);
        var done = await harness.AwaitStatusAsync(stream, StreamStatus.Completed);

        var seqs = harness.Collected(stream.Id, "out").Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(done.Restarts, Is.EqualTo(1));
            Assert.That(seqs.Distinct().Count(), Is.EqualTo(200000), "every event at least once");
            Assert.That(seqs.Count - 200000, Is.LessThanOrEqualTo(done.Sources[0].Replayed), "duplicates only from counted replays");
        });
    }

    private sealed class Seqs : EventOutput
    {
        public List<long> Seen { get; } = [];

        public List<string> Events { get; } = [];

        public override void Emit(ReadOnlySpan<byte> evt)
        {
            using var document = JsonDocument.Parse(evt.ToArray());
            Seen.Add(document.RootElement.GetProperty("seq").GetInt64());
            Events.Add(Encoding.UTF8.GetString(evt));
        }
    }
}
