using DistSys.Host.Jobs.Storage;
using DistSys.Host.Tests.Jobs.Support;

namespace DistSys.Host.Tests.Jobs.Storage;

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
        Apply(new StoreOp(StoreOpKind.InsertJob, "job-1", 2, 3, "sum", "a job", State: "{}", Time: 1, Extra: 1));
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
        Apply(new StoreOp(StoreOpKind.Release, "job-1", 0, 1, Text: "lost", Text2: "lost", State: "pending", Time: 2));
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
    public void Add_ClaimThenCompleteInOneBatch_OneOpAndCountedOnce()
    {
        var batch = new StoreBatch();
        batch.Add(Claim(0, 1, "w1"));
        batch.Add(Complete(0, 1, "w1", "5"));
        batch.Add(Complete(0, 1, "w1", "7"));

        _store.Apply(batch);

        Assert.Multiple(() =>
        {
            Assert.That(batch.Ops.Select(o => o.Kind), Is.EqualTo(new[] { StoreOpKind.ClaimAndComplete, StoreOpKind.Complete }));
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
            Assert.That(batch.Ops.Select(o => o.Kind), Is.EqualTo(new[] { StoreOpKind.Claim, StoreOpKind.Complete }));
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

    private static StoreOp Claim(int index, int attempt, string worker) =>
        new(StoreOpKind.Claim, "job-1", index, attempt, worker, Time: 1, Extra: 100);

    private static StoreOp Complete(int index, int attempt, string worker, string value) =>
        new(StoreOpKind.Complete, "job-1", index, attempt, worker, value, Time: 2);

    private void Apply(StoreOp op)
    {
        var batch = new StoreBatch();
        batch.Add(op);
        _store.Apply(batch);
    }

    private List<string> Results()
    {
        using var reader = _store.OpenReader();
        return JobStore.ReadResults(reader, "job-1");
    }

    private static object? Scalar(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
