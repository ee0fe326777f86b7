using System.Globalization;
using System.Text;
using System.Text.Json;
using DistSys.Jobs.Inputs;
using DistSys.Jobs.Tests.Support;

namespace DistSys.Jobs.Tests.Scheduling;

/// <summary>
/// Jobs over input files by reference: the master plans slices from sizes, workers read them — from
/// their own input root when it holds the same file, else through the master's input server — and
/// the results equal a single-threaded reference.
/// </summary>
public sealed class FileJobTests
{
    private DirectoryInfo _root = null!;
    private InputRoot _inputs = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Directory.CreateTempSubdirectory("distsys-file-jobs-");
        _inputs = new InputRoot(_root.FullName);
    }

    [TearDown]
    public void TearDown() => _root.Delete(recursive: true);

    [TestCase(false)]
    [TestCase(true)]
    public async Task WordCount_GeneratedFile_EqualsTheReferenceOnEitherReadPath(bool workersSeeTheFile)
    {
        var text = GenerateText(new Random(7), 20_000);
        File.WriteAllText(Path.Combine(_root.FullName, "corpus.txt"), text);
        await using var harness = await StartAsync(workersSeeTheFile);

        var job = await harness.SubmitAsync("""{"operation":"wordcount","file":"corpus.txt","task_count":7}""");
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error);
            Assert.That(done.Total, Is.EqualTo(7 + 4), "7 map tasks, then 2 reduce tasks per worker by default");
            Assert.That(Parse(harness.Master.CombinedResult(job.Id, "wordcount")), Is.EqualTo(ReferenceWordCount(text)));
            var local = harness.Workers.Sum(w => w.Status.LocalSlices);
            var remote = harness.Workers.Sum(w => w.Status.RemoteSlices);
            Assert.That((local, remote), Is.EqualTo(workersSeeTheFile ? (7L, 0L) : (0L, 7L)), "which path the slices took");
            Assert.That(harness.Scalar($"SELECT COUNT(*) FROM results WHERE job_id = '{job.Id}'"), Is.EqualTo(4), "the store holds the reducers' results only");
        });
    }

    [Test]
    public async Task CountByAndSumBy_NdjsonFilesOfADirectory_EqualTheReference()
    {
        var random = new Random(11);
        var expectedCounts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var expectedSums = new SortedDictionary<string, double>(StringComparer.Ordinal);
        Directory.CreateDirectory(Path.Combine(_root.FullName, "logs"));
        for (var f = 0; f < 3; f++)
        {
            var lines = new StringBuilder();
            for (var i = 0; i < 2000; i++)
            {
                var user = $"u{random.Next(30)}";
                var amount = random.Next(1, 100);
                lines.Append(CultureInfo.InvariantCulture, $"{{\"user\":\"{user}\",\"amount\":{amount},\"note\":{{\"x\":[1,2]}}}}\n");
                expectedCounts[user] = expectedCounts.GetValueOrDefault(user) + 1;
                expectedSums[user] = expectedSums.GetValueOrDefault(user) + amount;
            }

            File.WriteAllText(Path.Combine(_root.FullName, "logs", $"part{f}.log"), lines.ToString());
        }

        File.WriteAllText(Path.Combine(_root.FullName, "logs", "ignored.txt"), "not json\n");
        await using var harness = await StartAsync(workersSeeTheFile: false);

        var counted = await harness.WaitAsync((await harness.SubmitAsync("""{"operation":"count_by","dir":"logs","glob":"*.log","key":"user","task_count":5}""")).Id);
        var summed = await harness.WaitAsync((await harness.SubmitAsync("""{"operation":"sum_by","files":["logs/part0.log","logs/part1.log","logs/part2.log"],"key":"user","field":"amount"}""")).Id);

        Assert.Multiple(() =>
        {
            Assert.That(counted.Status, Is.EqualTo(JobStatus.Completed), counted.Error);
            Assert.That(Parse(harness.Master.CombinedResult(counted.Id, "count_by")), Is.EqualTo(expectedCounts.ToDictionary(p => p.Key, p => (double)p.Value)));
            Assert.That(summed.Status, Is.EqualTo(JobStatus.Completed), summed.Error);
            Assert.That(Parse(harness.Master.CombinedResult(summed.Id, "sum_by")), Is.EqualTo(expectedSums.ToDictionary(p => p.Key, p => p.Value)));
        });
    }

    [TestCase("wordcount", "text.txt", "ok line\nbad \xFF line\n", "text.txt at byte 8: the line is not UTF-8")]
    [TestCase("count_by", "rows.ndjson", "{\"user\":\"a\"}\n{\"user\":\n", "rows.ndjson at byte 13: the line is not valid JSON")]
    public async Task PoisonPartition_FailsTheJobAfterItsRetries_NamingFileAndOffset(string operation, string name, string content, string expected)
    {
        File.WriteAllBytes(Path.Combine(_root.FullName, name), Encoding.Latin1.GetBytes(content));
        await using var harness = await StartAsync(workersSeeTheFile: true);
        var key = operation == "count_by" ? ",\"key\":\"user\"" : "";

        var done = await harness.WaitAsync((await harness.SubmitAsync($$"""{"operation":"{{operation}}","file":"{{name}}","task_count":1,"max_retries":1{{key}}}""")).Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Failed));
            Assert.That(done.Attempts, Is.EqualTo(2), "one retry, then the job fails: no loop on a poison partition");
            Assert.That(done.Error, Does.Contain(expected));
        });
    }

    private Task<JobHarness> StartAsync(bool workersSeeTheFile) =>
        JobHarness.StartAsync(maxTasks: 2, configure: o => o with { Inputs = _inputs }, workerInputs: workersSeeTheFile ? _inputs : null);

    private static string GenerateText(Random random, int lines)
    {
        string[] words = ["the", "The", "quick", "brown", "fox's", "jumps", "über", "naïve", "日本", "dog", "42", "a-b", "ÆØÅ"];
        var text = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            for (var w = random.Next(0, 12); w > 0; w--)
            {
                text.Append(words[random.Next(words.Length)]).Append(random.Next(8) == 0 ? ", " : " ");
            }

            text.Append(random.Next(10) == 0 ? "\r\n" : "\n");
        }

        return text.ToString();
    }

    /// <summary>The plain single-threaded count: runs of letters, digits and apostrophes, lower-cased.</summary>
    private static Dictionary<string, double> ReferenceWordCount(string text)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c) || c == '\'')
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                var key = word.ToString().ToLowerInvariant();
                counts[key] = counts.GetValueOrDefault(key) + 1;
                word.Clear();
            }
        }

        return counts;
    }

    private static Dictionary<string, double> Parse(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
}
