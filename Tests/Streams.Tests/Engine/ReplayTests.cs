using System.Text;
using DistSys.Runtime;
using DistSys.Streams.Engine;
using DistSys.Streams.Tests.Support;

namespace DistSys.Streams.Tests.Engine;

public sealed class ReplayTests
{
    [Test]
    public async Task Run_AnInstanceKilledMidStream_RestartsFromTheAckedOffsetAndEveryEventReachesTheSink()
    {
        await using var harness = await StreamHarness.StartAsync();
        var stream = await harness.SubmitAsync("""
            {"topology": {"nodes": [
              {"id": "in", "source": "http"},
              {"id": "slim", "op": "map", "input": "in", "parallelism": 2, "select": ["n"]},
              {"id": "out", "sink": "collect", "input": "slim"}]}}
            """);
        var handle = harness.Master.Streams[stream.Id];
        await Eventually.True(() => handle.Instances.Count == 4, "the runner started every instance");
        for (var round = 0; round < 10; round++)
        {
            Ingest(harness, stream.Id, round * 100, 100);
        }

        harness.Runtime.Exit(handle.Instances.First(i => i.Node == "slim").Process, ExitReason.Kill);
        await Eventually.True(() => handle.Restarts == 1 && handle.Instances.Count == 4, "the runner restarted the topology");
        for (var round = 10; round < 20; round++)
        {
            Ingest(harness, stream.Id, round * 100, 100);
        }

        var stopped = await Eventually.Within(harness.Master.CallAsync<StreamHandle>(new StopStream(stream.Id)));
        var seen = harness.Collected(stream.Id, "out").Select(e => e.GetProperty("n").GetInt32()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(stopped.Status, Is.EqualTo(StreamStatus.Stopped));
            Assert.That(seen.Distinct(), Is.EquivalentTo(Enumerable.Range(0, 2000)), "every accepted event at least once");
            Assert.That(seen.Count - 2000, Is.LessThanOrEqualTo(stopped.Sources[0].Replayed), "no duplicate but a counted replay");
        });
    }

    private static void Ingest(StreamHarness harness, string id, int first, int count)
    {
        var body = string.Concat(Enumerable.Range(first, count).Select(n => $"{{\"n\":{n},\"pad\":\"x\"}}\n"));
        Assert.That(harness.Master.Ingest(id, "in", Encoding.UTF8.GetBytes(body)).Outcome, Is.EqualTo(IngestOutcome.Accepted));
    }
}
