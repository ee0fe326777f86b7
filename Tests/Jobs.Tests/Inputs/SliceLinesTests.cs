using System.Text;
using DistSys.Jobs.Inputs;
using DistSys.Runtime;

namespace DistSys.Jobs.Tests.Inputs;

/// <summary>
/// Slices planned from a file's size alone, read back line-aligned: whatever the cut points, every
/// line of the file is read exactly once, whole, in order, with its byte offset.
/// </summary>
public sealed class SliceLinesTests
{
    private DirectoryInfo _root = null!;
    private InputRoot _inputs = null!;
    private ProcessRuntime _runtime = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Directory.CreateTempSubdirectory("distsys-slices-");
        _inputs = new InputRoot(_root.FullName);
        _runtime = new ProcessRuntime();
    }

    [TearDown]
    public void TearDown()
    {
        _runtime.Dispose();
        _root.Delete(recursive: true);
    }

    [TestCase("", 1)]
    [TestCase("", 4)]
    [TestCase("a\nb\nc", 2)]
    [TestCase("a\nb\nc\n", 3)]
    [TestCase("\n\n\n", 2)]
    [TestCase("a\r\nbb\r\nccc\r\n", 4)]
    [TestCase("héllo wörld\n日本語のテキスト\nüber\n", 9)]
    [TestCase("héllo wörld\n日本語のテキスト\nüber\n", 40)]
    public async Task EverySliceCount_EveryLineOnceWholeInOrder(string text, int slices)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        var lines = await ReadAllSlicesAsync(bytes, slices);

        Assert.That(lines, Is.EqualTo(Reference(bytes)));
    }

    [Test]
    public async Task LineLongerThanASlice_BelongsToTheSliceItStartsIn()
    {
        var bytes = Encoding.UTF8.GetBytes("short\n" + new string('x', 5000) + "\nend\n");

        var perSlice = await ReadEachSliceAsync(bytes, 20);

        Assert.That(perSlice.SelectMany(s => s), Is.EqualTo(Reference(bytes)));
        // "short" and the long line both start in slice 0, "end" in the last; the slices in between lie inside the long line.
        Assert.That(perSlice.Select(s => s.Count), Is.EqualTo(new[] { 2 }.Concat(Enumerable.Repeat(0, 18)).Append(1)));
    }

    [Test]
    public async Task ByteOrderMark_DroppedFromTheFirstLineOnly()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("a\nb\n")).ToArray();

        var lines = await ReadAllSlicesAsync(bytes, 2);

        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task RandomFilesAndCuts_MatchTheReference()
    {
        var random = new Random(1234);
        string[] words = ["a", "bb", "héllo", "日本", "", "x y z", "\r"];
        for (var round = 0; round < 40; round++)
        {
            var text = new StringBuilder();
            for (var i = random.Next(0, 60); i > 0; i--)
            {
                text.Append(words[random.Next(words.Length)]).Append(random.Next(5) == 0 ? "" : "\n");
            }

            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            var slices = random.Next(1, 30);

            Assert.That(await ReadAllSlicesAsync(bytes, slices), Is.EqualTo(Reference(bytes)), $"round {round}, {slices} slices of '{text}'");
        }
    }

    [Test]
    public void Open_FileChangedSinceTheSubmit_NotReadLocallyAndNoServerNamed_Refused()
    {
        var path = Write("a\nb\n"u8.ToArray());
        var slice = FileSlice.Plan([_inputs.Stat("in.txt", out _)!], 1).Single();
        File.AppendAllText(path, "c\n");

        var sources = new SliceSources(_runtime, _inputs);

        Assert.That(() => sources.Open(slice, Pid.None), Throws.InvalidOperationException.With.Message.Contains("in.txt"));
    }

    private async Task<List<(long Offset, string Text)>> ReadAllSlicesAsync(byte[] bytes, int slices) =>
        [.. (await ReadEachSliceAsync(bytes, slices)).SelectMany(s => s)];

    private async Task<List<List<(long Offset, string Text)>>> ReadEachSliceAsync(byte[] bytes, int slices)
    {
        Write(bytes);
        var file = _inputs.Stat("in.txt", out var refusal) ?? throw new AssertionException(refusal!);
        var sources = new SliceSources(_runtime, _inputs);
        var result = new List<List<(long, string)>>();
        foreach (var slice in FileSlice.Plan([file], slices))
        {
            var lines = new List<(long, string)>();
            using var source = sources.Open(slice, Pid.None);
            Assert.That(source.IsLocal, Is.True);
            await SliceLines.ForEachAsync(source, slice, (offset, line) => lines.Add((offset, Encoding.UTF8.GetString(line))), CancellationToken.None);
            result.Add(lines);
        }

        return result;
    }

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(_root.FullName, "in.txt");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The file's lines read the plain way: split on LF, CR before LF dropped, BOM dropped, no empty last line.</summary>
    private static List<(long Offset, string Text)> Reference(byte[] bytes)
    {
        var lines = new List<(long, string)>();
        var start = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var stop = end < 0 ? bytes.Length : end;
            var from = start == 0 && bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()) ? 3 : start;
            var length = stop - from;
            if (length > 0 && bytes[stop - 1] == '\r')
            {
                length--;
            }

            lines.Add((start, Encoding.UTF8.GetString(bytes, from, length)));
            start = end < 0 ? bytes.Length : end + 1;
        }

        return lines;
    }
}
