using System.Text;
using DistSys.Streams.Engine;
using DistSys.Streams.Tests.Support;
using DistSys.Supervision.Tests.Support;

namespace DistSys.Streams.Tests.Sinks;

/// <summary>The file and log sinks through a running topology: what they hold once it has stopped.</summary>
public sealed class SinkTests
{
    [Test]
    public async Task FileSink_TwoInstancesOnABroadcastEdge_OnePartEachEachHoldingEveryEventOnce()
    {
        await using var harness = await StreamHarness.StartAsync();
        var stream = await harness.SubmitAsync("""
            {"topology": {"nodes": [
              {"id": "in", "source": "http"},
              {"id": "parts", "sink": "file", "input": "in", "edge": "broadcast", "parallelism": 2}]}}
            """);
        Ingest(harness, stream, 0, 5000);
        Ingest(harness, stream, 5000, 5000);

        var stopped = await Eventually.Within(harness.Master.CallAsync<StreamHandle>(new StopStream(stream.Id)));

        var directory = Path.Combine(harness.Master.Options.OutputDirectory, stream.Id);
        var parts = Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var seqs = parts.Select(p => File.ReadAllLines(Path.Combine(directory, p!))
            .Select(l => int.Parse(l["{\"seq\":".Length..^1], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(stopped.Status, Is.EqualTo(StreamStatus.Stopped));
            Assert.That(parts, Is.EqualTo(new[] { "parts-part-00000.ndjson", "parts-part-00001.ndjson" }));
            Assert.That(seqs, Has.All.EqualTo(Enumerable.Range(0, 10_000)), "every event in each part, once");
        });
    }

    [Test]
    public async Task LogSink_EachEventLoggedUnderItsJobAndNodeClippedTo1KiB()
    {
        var logger = new ListLogger();
        await using var harness = await StreamHarness.StartAsync(configure: o => o with { Logger = logger });
        var stream = await harness.SubmitAsync("""
            {"topology": {"nodes": [{"id": "in", "source": "http"}, {"id": "shown", "sink": "log", "input": "in"}]}}
            """);
        var big = $"{{\"seq\":1,\"pad\":\"{new string('x', 4000)}\"}}";
        harness.Master.Ingest(stream.Id, "in", Encoding.UTF8.GetBytes($"{{\"seq\":0}}\n{big}\n"));

        await Eventually.Within(harness.Master.CallAsync<StreamHandle>(new StopStream(stream.Id)));

        var logged = logger.Entries.Where(e => e.EventId == 7504).Select(e => e.Text).ToList();
        Assert.That(logged, Is.EqualTo(new[] { $"stream {stream.Id} sink shown: {{\"seq\":0}}", $"stream {stream.Id} sink shown: {big[..1024]}" }));
    }

    private static void Ingest(StreamHarness harness, StreamHandle stream, int first, int count) =>
        Assert.That(harness.Master.Ingest(stream.Id, "in", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(first, count).Select(i => $"{{\"seq\":{i}}}\n")))).Outcome,
            Is.EqualTo(IngestOutcome.Accepted));
}
