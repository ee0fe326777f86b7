using System.Text;
using System.Text.Json;
using DistSys.Jobs.Operations;
using DistSys.Jobs.Shuffle;

namespace DistSys.Jobs.Tests.Shuffle;

/// <summary>
/// A map task's table written out in runs of bounded size: each key lands in one bucket, buckets hold
/// several runs, and merging the buckets gives exactly the totals of one unbounded table.
/// </summary>
public sealed class MapOutputTests
{
    private DirectoryInfo _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("distsys-map-output-");

    [TearDown]
    public void TearDown() => _directory.Delete(recursive: true);

    [Test]
    public void KeyedTable_OverItsLimit_WritesRunsWhoseMergeEqualsTheTotals()
    {
        var random = new Random(3);
        var keys = Enumerable.Range(0, 500).Select(i => i % 7 == 0 ? $"ключ-{i}" : $"k{i}").ToArray();
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        var files = new ShuffleFiles(_directory.FullName);
        long[] sizes;
        using (var output = files.OpenMap("job-1", map: 0, attempt: 1, buckets: 4, tableLimitBytes: 2_000))
        {
            var table = new KeyedTable<long>(output);
            for (var i = 0; i < 20_000; i++)
            {
                var key = keys[random.Next(keys.Length)];
                table.Add(key, 2);
                expected[key] = expected.GetValueOrDefault(key) + 2;
            }

            Assert.That(table.EstimatedBytes, Is.LessThanOrEqualTo(2_000 + 64 + 2 * 16), "the table never holds much more than its limit");
            table.Finish();
            sizes = output.Sizes();
        }

        var buckets = Enumerable.Range(0, 4).Select(b => File.ReadAllBytes(files.PathOf("job-1", 0, 1, b))).ToArray();
        var merged = new Counts();
        foreach (var bucket in buckets)
        {
            merged.Add(bucket);
        }

        Assert.Multiple(() =>
        {
            Assert.That(sizes, Is.EqualTo(buckets.Select(b => (long)b.Length)));
            Assert.That(buckets.Select(Runs), Has.All.GreaterThan(1), "every bucket holds several runs");
            Assert.That(Read(merged), Is.EquivalentTo(expected));
            var owners = buckets.SelectMany((bytes, b) => KeysOf(bytes).Select(key => (key, b))).Distinct().GroupBy(p => p.key);
            Assert.That(owners.Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "each key is in one bucket only");
        });
    }

    [Test]
    public void Counts_WholeAndFractionalRuns_AddKeyByKey()
    {
        var counts = new Counts();
        counts.Add("{\"a\":1,\"b\":2}\n{\"a\":3}\n"u8);
        counts.Add(""u8);
        counts.Add("{\"b\":0.5,\"c\\u00e9\":4}"u8);

        Assert.That(Encoding.UTF8.GetString(Write(counts)), Is.EqualTo("{\"a\":4,\"b\":2.5,\"cé\":4}"));
    }

    [TestCase("[1,2]")]
    [TestCase("{\"a\":\"x\"}")]
    [TestCase("{\"a\":{\"b\":1}}")]
    [TestCase("{\"a\":1} 7")]
    public void Counts_NotObjectsOfNumbers_Refused(string json) =>
        Assert.Throws<InvalidDataException>(() => new Counts().Add(Encoding.UTF8.GetBytes(json)));

    private static byte[] Write(Counts counts)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            counts.WriteTo(writer);
        }

        return stream.ToArray();
    }

    private static Dictionary<string, long> Read(Counts counts) =>
        JsonDocument.Parse(Write(counts)).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    private static int Runs(byte[] bucket) => bucket.Count(b => b == '\n');

    private static IEnumerable<string> KeysOf(byte[] bucket) =>
        Encoding.UTF8.GetString(bucket).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(run => JsonDocument.Parse(run).RootElement.EnumerateObject().Select(p => p.Name).ToArray());
}
