using System.Diagnostics;
using DistSys.Streams.Tests.Support;

namespace DistSys.Streams.Tests.Engine;

/// <summary>StreamsTracing: each commit of a topology's acknowledged offsets is a root stream.checkpoint span.</summary>
public sealed class CheckpointTracingTests
{
    [Test]
    public async Task Run_Traced_OffsetCommitsAreRootCheckpointSpans()
    {
        using var recorder = new SpanRecorder(StreamsTracing.SourceName);
        await using var harness = await StreamHarness.StartAsync();
        var stream = await harness.SubmitAsync("""
            {"topology": {"nodes": [
              {"id": "in", "source": "generator", "count": 5000, "keys": 10},
              {"id": "out", "sink": "collect", "input": "in"}]}}
            """);
        await harness.AwaitStatusAsync(stream, StreamStatus.Completed);

        var spans = recorder.Spans("stream.checkpoint", "distsys.stream.id", stream.Id);
        Assert.That(spans, Is.Not.Empty, "the final offsets were committed");
        Assert.Multiple(() =>
        {
            Assert.That(spans.Select(s => s.ParentSpanId), Has.All.EqualTo(default(ActivitySpanId)), "root spans");
            Assert.That(spans.Select(s => s.GetTagItem("distsys.stream.sources")), Has.All.EqualTo(1));
        });
    }
}
