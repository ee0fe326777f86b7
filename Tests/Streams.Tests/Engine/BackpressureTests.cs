using DistSys.Streams.Engine;
using DistSys.Streams.Tests.Support;

namespace DistSys.Streams.Tests.Engine;

public sealed class BackpressureTests
{
    // 3 edges deep, 8 credits an edge, at most 1024 source events a batch: what can be between the source's
    // read offset and the sinks' acknowledged one, whatever the sink's speed.
    private const long InFlightBound = 3L * 2 * 8 * 1024;

    [Test]
    public async Task Run_EndlessGeneratorIntoACollectSink_SourceIsHeldToTheSinksPaceThenStopDrainsEverything()
    {
        await using var harness = await StreamHarness.StartAsync();
        var stream = await harness.SubmitAsync("""
            {"topology": {"nodes": [
              {"id": "in", "source": "generator", "keys": 100000},
              {"id": "slim", "op": "map", "input": "in", "parallelism": 2, "select": ["seq", "key"]},
              {"id": "out", "sink": "collect", "input": "slim", "parallelism": 2, "retention": 1000}]}}
            """);
        var handle = harness.Master.Streams[stream.Id];
        var source = () => handle.Instances.First(i => i.Node == "in");
        await Eventually.True(() => handle.Sources.Count == 1 && handle.Instances.Count == 5, "the runner started every instance");

        // The generator could make millions a second; SQLite commits set the pace, and the source waits on credit.
        for (var sample = 0; sample < 5; sample++)
        {
            var before = handle.Sources[0].Acked;
            await Eventually.True(() => handle.Sources[0].Acked > before + 2048, "the sinks acknowledge more");
            var inFlight = source().Mark - handle.Sources[0].Acked;
            Assert.That(inFlight, Is.LessThanOrEqualTo(InFlightBound), $"sample {sample}: read {source().Mark}, acked {handle.Sources[0].Acked}");
        }

        Assert.That(handle.Instances.Max(i => i.Backlog), Is.LessThanOrEqualTo(2 * 8), "an input buffer holds at most its credits");
        var stopped = await Eventually.Within(harness.Master.CallAsync<StreamHandle>(new StopStream(stream.Id)));
        Assert.That(stopped.Status, Is.EqualTo(StreamStatus.Stopped));
        Assert.That(stopped.Sources[0].Acked, Is.EqualTo(source().Mark), "every event read reached the sinks before it stopped");
        var kept = harness.Master.Store.ReadCollected(stream.Id, "out", 0, 10);
        Assert.That(kept.First, Is.GreaterThan(0), "retention keeps the newest 1000 only");
    }
}
