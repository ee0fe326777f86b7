using DistSys.Jobs.Storage;
using DistSys.Jobs.Tests.Support;

namespace DistSys.Jobs.Tests.Storage;

/// <summary>The store's guards: schema version, WAL, claims only of pending tasks, completion once and only by the lease holder.</summary>
public sealed class JobStoreTests
{
    private string _directory = null!;
    private JobStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = JobHarness.NewDataDirectory();
        _store = JobStore.Open(_directory);
        Apply(new InsertJob(1, "job-1", "a job", "sum", "{}", 2, 3, 1));
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        JobHarness.DeleteDirectory(_directory);
    }

    [Test]
    public void Open_NewDirectory_SchemaAtLatestVersionInWalMode()
    {
        using var reader = _store.OpenReader();

        Assert.Multiple(() =>
        {
            Assert.That(Migrations.Version(reader), Is.EqualTo(Migrations.Latest));
            Assert.That(Scalar(reader, "PRAGMA journal_mode;"), Is.EqualTo("wal"));
        });
    }

    [Test]
    public void Open_Again_KeepsDataAndVersion()
    {
        _store.Dispose();
        _store = JobStore.Open(_directory);

        Assert.That(_store.LoadJobs().Single().Id, Is.EqualTo("job-1"));
    }

    [Test]
    public void Complete_LargeResult_APartFileTheStoreDescribesAndReadsBack()
    {
        var large = "[" + string.Join(",", Enumerable.Range(0, 2000)) + "]";
        Apply(Claim(0, 1, "w1"));
        Apply(Complete(0, 1, "w1", large));
        Apply(Claim(1, 1, "w1"));
        Apply(Complete(1, 1, "w1", "[7]"));

        var path = _store.Parts.PathOf("job-1", 0);
        using var reader = _store.OpenReader();
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllLines(path), Is.EqualTo(Enumerable.Range(0, 2000).Select(i => $"{i}")), "one element a line");
            Assert.That(Scalar(reader, "SELECT COUNT(*) FROM results WHERE idx = 0"), Is.EqualTo(0L), "its bytes are not in the store");
            Assert.That(Scalar(reader, "SELECT bytes FROM parts WHERE idx = 0"), Is.EqualTo(new FileInfo(path).Length));
            Assert.That(Scalar(reader, "SELECT sha256 FROM parts WHERE idx = 0"),
                Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))));
            Assert.That(Results(), Is.EqualTo(new[] { large, "[7]" }), "read back as the task's result, in task order");
            Assert.That(_store.LoadJobs().Single().DoneCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void Complete_LargeKeyedResult_KeyValueLines()
    {
        var large = "{" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"k{i:D4}\":{i}")) + "}";
        Apply(Claim(0, 1, "w1"));
        Apply(Complete(0, 1, "w1", large));

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadLines(_store.Parts.PathOf("job-1", 0)).First(), Is.EqualTo("{\"key\":\"k0000\",\"value\":0}"));
            Assert.That(Results().Single(), Is.EqualTo(large));
        });
    }

    [Test]
    public void Complete_Twice_CountsOnce()
    {
        Apply(Claim(0, 1, "w1"));
        Apply(Complete(0, 1, "w1", "5"));
        Apply(Complete(0, 1, "w1", "7"));

        Assert.Multiple(() =>
        {
            Assert.That(_store.LoadJobs().Single().DoneCount, Is.EqualTo(1));
            Assert.That(Results(), Is.EqualTo(new[] { "5" }));
        });
    }

    [Test]
    public void Complete_FromWorkerWithoutTheLease_Rejected()
    {
        Apply(Claim(0, 1, "w1"));
        Apply(new ReleaseTask("job-1", 0, 1, null, AttemptOutcome.Lost, "lost", StoredTaskState.Pending, 2, 1));
        Apply(Claim(0, 2, "w2"));
        Apply(Complete(0, 1, "w1", "999"));

        Assert.Multiple(() =>
        {
            Assert.That(_store.LoadJobs().Single().DoneCount, Is.Zero);
            Assert.That(Results(), Is.Empty);
            Assert.That(_store.LoadTasks("job-1").Single(), Is.EqualTo(new TaskRow(0, "running", 2)));
        });
    }

    [Test]
    public void Claim_TaskAlreadyRunning_LeavesTheHolder()
    {
        Apply(Claim(0, 1, "w1"));
        Apply(Claim(0, 2, "w2"));
        Apply(Complete(0, 1, "w1", "5"));

        Assert.That(Results(), Is.EqualTo(new[] { "5" }));
    }

    [Test]
    public void Add_ClaimThenCompleteInOneBatch_OneWriteAndCountedOnce()
    {
        var batch = new StoreBatch();
        batch.Add(Claim(0, 1, "w1"));
        batch.Add(Complete(0, 1, "w1", "5"));
        batch.Add(Complete(0, 1, "w1", "7"));

        _store.Apply(batch);

        Assert.Multiple(() =>
        {
            Assert.That(batch.Writes, Is.EqualTo(new StoreWrite[] { Complete(0, 1, "w1", "5") with { WithClaim = true }, Complete(0, 1, "w1", "7") }));
            Assert.That(_store.LoadJobs().Single().DoneCount, Is.EqualTo(1));
            Assert.That(Results(), Is.EqualTo(new[] { "5" }));
        });
    }

    [Test]
    public void Add_CompleteOfAnotherAttempt_NotMergedWithTheClaim()
    {
        var batch = new StoreBatch();
        batch.Add(Claim(0, 2, "w2"));
        batch.Add(Complete(0, 1, "w1", "999"));

        _store.Apply(batch);

        Assert.Multiple(() =>
        {
            Assert.That(batch.Writes, Is.EqualTo(new StoreWrite[] { Claim(0, 2, "w2"), Complete(0, 1, "w1", "999") }));
            Assert.That(Results(), Is.Empty);
        });
    }

    [Test]
    public void ReleaseOrphanedLeases_RunningTask_BackToPendingWithItsAttempts()
    {
        Apply(Claim(1, 1, "w1"));

        _store.ReleaseOrphanedLeases(5);

        Assert.That(_store.LoadTasks("job-1").Single(), Is.EqualTo(new TaskRow(1, "pending", 1)));
    }

    private static ClaimTask Claim(int index, int attempt, string worker) => new("job-1", index, attempt, worker, 1, 100);

    private static CompleteTask Complete(int index, int attempt, string worker, string value) => new("job-1", index, attempt, worker, value, 2, 1);

    private void Apply(StoreWrite op)
    {
        var batch = new StoreBatch();
        batch.Add(op);
        _store.Apply(batch);
    }

    private List<string> Results() => _store.ReadResults("job-1");

    private static object? Scalar(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
