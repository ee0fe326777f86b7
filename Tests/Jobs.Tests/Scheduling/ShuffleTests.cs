using System.Text.Json;
using DistSys.Jobs.Tests.Support;

namespace DistSys.Jobs.Tests.Scheduling;

/// <summary>
/// Keyed jobs shuffle: map tasks leave their results in buckets on their workers, reduce tasks merge
/// one bucket each; a lost map output is made again, and the result is exact whatever was lost.
/// </summary>
public sealed class ShuffleTests
{
    private static readonly string s_text = string.Join('\n', Enumerable.Range(0, 3000).Select(i => $"w{i % 97} x{i % 13} common"));

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(16)]
    public async Task WordCount_AnyReducerCount_ExactAndEachKeyInOneReducer(int reducers)
    {
        await using var harness = await JobHarness.StartAsync(maxTasks: 4);

        var job = await harness.SubmitAsync(Config(tasks: 6, reducers, delayMs: 0));
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error);
            Assert.That(done.Total, Is.EqualTo(6 + reducers));
            Assert.That(Counts(harness.Master.CombinedResult(job.Id, "wordcount")), Is.EqualTo(Reference()));
            Assert.That(harness.Scalar($"SELECT COUNT(*) FROM map_outputs WHERE job_id = '{job.Id}'"), Is.EqualTo(6));
            var parts = ReducerResults(harness, job.Id);
            Assert.That(parts, Has.Count.EqualTo(reducers));
            Assert.That(parts.SelectMany(p => p.Keys).Count(), Is.EqualTo(Reference().Count), "no key in two reducers");
        });
    }

    [Test]
    public async Task WordCount_MapTablesFarSmallerThanTheirKeys_WrittenInRunsAndExact()
    {
        // A few hundred bytes of table per map task: each writes its buckets run after run as it
        // counts, and the reducers add the runs up.
        await using var harness = await JobHarness.StartAsync(maxTasks: 4, executor: o => o with { MapTableBytes = 300 });

        var job = await harness.SubmitAsync(Config(tasks: 3, reducers: 2, delayMs: 0));
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error);
            Assert.That(Counts(harness.Master.CombinedResult(job.Id, "wordcount")), Is.EqualTo(Reference()));
        });
    }

    [Test]
    public async Task ResultsTooLargeForAMessage_KeptOnTheWorkerAndFetched_Exact()
    {
        // Every reducer's part (and a map-only job's partitions) is over 64 bytes: each stays in a file
        // on its worker and the scheduler reads it from the shuffle server in chunks.
        await using var harness = await JobHarness.StartAsync(maxTasks: 4, executor: o => o with { MaxInlineOutputBytes = 64 });

        var keyed = await harness.SubmitAsync(Config(tasks: 6, reducers: 3, delayMs: 0));
        var sorted = await harness.SubmitAsync("""{"operation":"sort","task_count":3,"data":[9,3,7,1,8,2,6,4,5,0,11,10,13,12,15,14,17,16,19,18,21,20,23,22]}""");
        var keyedDone = await harness.WaitAsync(keyed.Id);
        var sortedDone = await harness.WaitAsync(sorted.Id);

        Assert.Multiple(() =>
        {
            Assert.That(keyedDone.Status, Is.EqualTo(JobStatus.Completed), keyedDone.Error);
            Assert.That(Counts(harness.Master.CombinedResult(keyed.Id, "wordcount")), Is.EqualTo(Reference()));
            Assert.That(ReducerResults(harness, keyed.Id).Sum(p => p.Count), Is.EqualTo(Reference().Count));
            Assert.That(sortedDone.Status, Is.EqualTo(JobStatus.Completed), sortedDone.Error);
            Assert.That(harness.Master.CombinedResult(sorted.Id, "sort"), Is.EqualTo("[" + string.Join(',', Enumerable.Range(0, 24)) + "]"));
            Assert.That(keyedDone.Attempts + sortedDone.Attempts, Is.EqualTo(9 + 3), "each attempt once: a fetched result is not a retry");
        });
    }

    [Test]
    public async Task WorkerDiesAfterTheMaps_ItsOutputsAreMadeAgainAndTheResultIsExact()
    {
        await using var harness = await JobHarness.StartAsync(maxTasks: 4);
        await harness.AllWorkersActiveAsync();

        // Each task first waits 400 ms: the maps are done while the reducers still wait to fetch.
        var job = await harness.SubmitAsync(Config(tasks: 8, reducers: 4, delayMs: 400));
        await harness.WaitAsync(job.Id, v => v.Done >= 8);
        harness.Runtime.Exit(await harness.ExecutorAsync(0), DistSys.Runtime.ExitReason.Kill);
        var done = await harness.WaitAsync(job.Id);

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error);
            Assert.That(Counts(harness.Master.CombinedResult(job.Id, "wordcount")), Is.EqualTo(Reference()));
            Assert.That(done.Attempts, Is.GreaterThan(12), "some map tasks ran again");
            Assert.That(harness.Scalar($"SELECT COUNT(*) FROM attempts WHERE job_id = '{job.Id}' AND outcome = 'lost'"), Is.Positive);
        });
    }

    [Test]
    public async Task MasterCrashAfterTheMaps_RestartRerunsWhatWasLostExactlyAndCountsHold()
    {
        var directory = JobHarness.NewDataDirectory();
        try
        {
            string id;
            await using (var first = await JobHarness.StartAsync(maxTasks: 4, dataDirectory: directory))
            {
                id = (await first.SubmitAsync(Config(tasks: 8, reducers: 3, delayMs: 400))).Id;
                await first.WaitAsync(id, v => v.Done >= 8);
                await first.CrashAsync();
            }

            await using var second = await JobHarness.StartAsync(maxTasks: 4, dataDirectory: directory);
            var done = await second.WaitAsync(id);

            Assert.Multiple(() =>
            {
                Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error);
                Assert.That(Counts(second.Master.CombinedResult(id, "wordcount")), Is.EqualTo(Reference()));
                Assert.That(done.Done, Is.EqualTo(11));
                Assert.That(second.Scalar($"SELECT done_count FROM jobs WHERE id = '{id}'"), Is.EqualTo(11));
                Assert.That(done.Attempts, Is.EqualTo(second.Scalar($"SELECT SUM(attempts) FROM tasks WHERE job_id = '{id}'")));
            });
        }
        finally
        {
            JobHarness.DeleteDirectory(directory);
        }
    }

    private static string Config(int tasks, int reducers, int delayMs) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["operation"] = "wordcount", ["text"] = s_text, ["task_count"] = tasks, ["reducers"] = reducers, ["delay_ms"] = delayMs,
        });

    private static Dictionary<string, long> Reference() =>
        s_text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).GroupBy(w => w).ToDictionary(g => g.Key, g => (long)g.Count());

    private static Dictionary<string, long> Counts(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    private static List<Dictionary<string, long>> ReducerResults(JobHarness harness, string jobId) =>
        [.. harness.Master.Store.ReadResults(jobId).Select(Counts)];
}
