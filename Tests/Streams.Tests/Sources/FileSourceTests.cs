using DistSys.Streams.Engine;
using DistSys.Streams.Tests.Support;

namespace DistSys.Streams.Tests.Sources;

/// <summary>
/// The file source through a running topology: a file under the input root read once in whole lines, or
/// followed as it grows; a stop reads to the file's end at that moment and no further.
/// </summary>
public sealed class FileSourceTests
{
    private string _inputs = null!;

    [SetUp]
    public void SetUp() => _inputs = Directory.CreateTempSubdirectory("distsys-file-source-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_inputs, recursive: true);

    [Test]
    public async Task File_ReadToItsEnd_EveryLineOnceTheLastWithoutItsNewlineTooThenCompleted()
    {
        File.WriteAllText(Path.Combine(_inputs, "events.ndjson"), Lines(0, 2999) + "{\"seq\":2999}");
        await using var harness = await StartAsync();
        var stream = await harness.SubmitAsync(Topology(follow: false));

        var done = await harness.AwaitStatusAsync(stream, StreamStatus.Completed);

        Assert.That(Seqs(harness, stream), Is.EqualTo(Enumerable.Range(0, 3000)));
        Assert.That(done.Sources[0].Acked, Is.EqualTo(new FileInfo(Path.Combine(_inputs, "events.ndjson")).Length), "a file source's offset is in bytes");
    }

    [Test]
    public async Task File_Following_ReadsAppendsAsTheyComeAHalfWrittenLineOnlyWhenWholeAndStopsAtTheEndWhenStopped()
    {
        var path = Path.Combine(_inputs, "events.ndjson");
        File.WriteAllText(path, Lines(0, 1000));
        await using var harness = await StartAsync();
        var stream = await harness.SubmitAsync(Topology(follow: true));
        await Eventually.True(() => Seqs(harness, stream).Count == 1000, "the first 1000 lines collected");

        File.AppendAllText(path, Lines(1000, 500) + "{\"seq\":15");
        await Eventually.True(() => Seqs(harness, stream).Count == 1500, "the appended whole lines collected");
        File.AppendAllText(path, "00}\n" + Lines(1501, 499));
        await Eventually.True(() => Seqs(harness, stream).Count == 2000, "the line finished later collected once, with those after it");

        // Appended just before the stop: still read, because the stop reads to the end the file has then.
        File.AppendAllText(path, Lines(2000, 20_000));
        var stopped = await Eventually.Within(harness.Master.CallAsync<StreamHandle>(new StopStream(stream.Id)));
        File.AppendAllText(path, Lines(22_000, 10));

        Assert.That(stopped.Status, Is.EqualTo(StreamStatus.Stopped));
        Assert.That(Seqs(harness, stream), Is.EqualTo(Enumerable.Range(0, 22_000)), "every line up to the stop, each once, none after");
    }

    private Task<StreamHarness> StartAsync() =>
        StreamHarness.StartAsync(configure: o => o with { ResolveInput = name => (Path.Combine(_inputs, name), null) });

    private static string Topology(bool follow) => $$$"""
        {"topology": {"nodes": [
          {"id": "in", "source": "file", "path": "events.ndjson", "follow": {{{(follow ? "true" : "false")}}}},
          {"id": "out", "sink": "collect", "input": "in", "retention": 1000000}]}}
        """;

    private static string Lines(int first, int count) =>
        string.Concat(Enumerable.Range(first, count).Select(i => $"{{\"seq\":{i}}}\n"));

    private static List<int> Seqs(StreamHarness harness, StreamHandle stream) =>
        [.. harness.Collected(stream.Id, "out").Select(e => e.GetProperty("seq").GetInt32())];
}
