using DistSys.Jobs.Storage;

namespace DistSys.Jobs.Tests.Storage;

/// <summary>
/// The contract every store keeps, run against each implementation (<see cref="SqliteJobStoreTests"/>,
/// <see cref="PostgresJobStoreTests"/>): claims only of pending tasks, completion once and only by the
/// lease holder, recovery of orphaned leases, and reading back what was written.
/// </summary>
public abstract class JobStoreContract
{
    private protected JobStore Store { get; private set; } = null!;

    /// <summary>Opens the store under test: a fresh one at the first call of a test, the same one after <see cref="Reopen"/>.</summary>
    private protected abstract JobStore Open();

    /// <summary>Drops what <see cref="Open"/> made for the test (its directory, its database).</summary>
    protected abstract void Delete();

    [SetUp]
    public void SetUp()
    {
        Store = Open();
        Apply(new InsertJob(1, "job-1", "a job", "sum", "{}", 2, 3, 1));
    }

    [TearDown]
    public void TearDown()
    {
        Store.Dispose();
        Delete();
    }

    [Test]
    public void Open_Again_KeepsData()
    {
        Reopen();

        Assert.That(Store.LoadJobs().Single().Id, Is.EqualTo("job-1"));
    }

    [Test]
    public void Complete_Twice_CountsOnce()
    {
        Apply(Claim(0, 1, "w1"));
        Apply(Complete(0, 1, "w1", "5"));
        Apply(Complete(0, 1, "w1", "7"));

        Assert.Multiple(() =>
        {
            Assert.That(Store.LoadJobs().Single().DoneCount, Is.EqualTo(1));
            Assert.That(Results(), Is.EqualTo(new[] { "5" }));
        });
    }

    [Test]
    public void ReopenJob_CancelledJob_PendingAgainCompletedKeptAttemptBaseFromTheUnfinished()
    {
        Apply(Claim(0, 1, "w1"));
        Apply(Complete(0, 1, "w1", "5"));
        Apply(Claim(1, 3, "w1"));
        Apply(new ReleaseTask("job-1", 1, 3, "w1", AttemptOutcome.Cancelled, null, StoredTaskState.Cancelled, 2, 1));
        Apply(new SetJobStatus("job-1", JobStatus.Cancelled, 3));

        Apply(new ReopenJob("job-1"));

        var job = Store.LoadJob("job-1")!;
        Assert.Multiple(() =>
        {
            Assert.That(job.State, Is.EqualTo("pending"));
            Assert.That(job.FinishedAt, Is.Null);
            Assert.That(job.AttemptBase, Is.EqualTo(3), "the most attempts of a task not completed");
            Assert.That(job.DoneCount, Is.EqualTo(1));
            Assert.That(Store.LoadTasks("job-1").OrderBy(t => t.Index), Is.EqualTo(new[] { new TaskRow(0, "completed", 1), new TaskRow(1, "pending", 3) }));
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
            Assert.That(Store.LoadJobs().Single().DoneCount, Is.Zero);
            Assert.That(Results(), Is.Empty);
            Assert.That(Store.LoadTasks("job-1").Single(), Is.EqualTo(new TaskRow(0, "running", 2)));
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

        Store.Apply(batch);

        Assert.Multiple(() =>
        {
            Assert.That(batch.Writes, Is.EqualTo(new StoreWrite[] { Complete(0, 1, "w1", "5") with { WithClaim = true }, Complete(0, 1, "w1", "7") }));
            Assert.That(Store.LoadJobs().Single().DoneCount, Is.EqualTo(1));
            Assert.That(Results(), Is.EqualTo(new[] { "5" }));
        });
    }

    [Test]
    public void Add_CompleteOfAnotherAttempt_NotMergedWithTheClaim()
    {
        var batch = new StoreBatch();
        batch.Add(Claim(0, 2, "w2"));
        batch.Add(Complete(0, 1, "w1", "999"));

        Store.Apply(batch);

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

        Store.ReleaseOrphanedLeases(5);

        Assert.That(Store.LoadTasks("job-1").Single(), Is.EqualTo(new TaskRow(1, "pending", 1)));
    }

    [Test]
    public void ReleaseOrphanedLeases_RunningTask_AttemptRecordedAsLost()
    {
        Apply(Claim(0, 1, "w1"));

        Store.ReleaseOrphanedLeases(5);
        Apply(Claim(0, 2, "w2"));
        Apply(Complete(0, 2, "w2", "9"));

        using var reader = Store.OpenReader();
        Assert.Multiple(() =>
        {
            Assert.That(Scalar(reader, "SELECT outcome FROM attempts WHERE attempt = 1"), Is.EqualTo("lost"));
            Assert.That(Scalar(reader, "SELECT outcome FROM attempts WHERE attempt = 2"), Is.EqualTo("completed"));
            Assert.That(Store.LoadAttemptCounts()["job-1"], Is.EqualTo(2));
        });
    }

    [Test]
    public void UpsertWorker_NullAddressAndMetrics_KeepsTheStoredOnes()
    {
        Apply(new UpsertWorker("w1", "127.0.0.1:9001", 4, 0, "active", "{\"cpu\":1}", 10));
        Apply(new UpsertWorker("w1", null, 8, 2, "active", null, 20));

        Assert.That(Store.LoadWorkers().Single(), Is.EqualTo(new WorkerRow("w1", "127.0.0.1:9001", 8, 10, 20, "{\"cpu\":1}")));
    }

    [Test]
    public void SetJobStatus_RunningThenCompleted_TimesAndStateKept()
    {
        Apply(new SetJobStatus("job-1", JobStatus.Running, 50));
        Apply(new SetJobStatus("job-1", JobStatus.Running, 60));
        Apply(new SetJobStatus("job-1", JobStatus.Failed, 70, "boom"));
        Apply(new SetJobStatus("job-1", JobStatus.Failed, 80));

        var job = Store.LoadJobs().Single();
        Assert.Multiple(() =>
        {
            Assert.That(job.State, Is.EqualTo("failed"));
            Assert.That(job.StartedAt, Is.EqualTo(50), "the first start is kept");
            Assert.That(job.FinishedAt, Is.EqualTo(80));
            Assert.That(job.Error, Is.EqualTo("boom"), "an earlier error is kept unless given another");
        });
    }

    [Test]
    public void CompleteMapTask_OutputRecordedAndReopenForgetsIt()
    {
        var server = new DistSys.Runtime.Pid(7, 3, 1L << 40);
        Apply(Claim(0, 1, "w1"));
        Apply(Complete(0, 1, "w1", "[1,2]") with { MapOutput = server });
        Apply(Claim(1, 1, "w1"));
        Apply(Complete(1, 1, "w1", "[3]") with { MapOutput = server });

        Assert.That(Store.LoadMapOutputs("job-1").OrderBy(o => o.Index), Is.EqualTo(new[] { (0, 1, server), (1, 1, server) }));

        Apply(new ReopenTask("job-1", 1));
        Reopen();

        Assert.Multiple(() =>
        {
            Assert.That(Store.LoadMapOutputs("job-1"), Is.EqualTo(new[] { (0, 1, server) }));
            Assert.That(Store.LoadJobs().Single().DoneCount, Is.EqualTo(1));
            Assert.That(Store.LoadTasks("job-1").Single(t => t.Index == 1).State, Is.EqualTo("pending"));
            Assert.That(Results(), Is.Empty, "a map task's output is not a result");
        });
    }

    [Test]
    public void StreamOutputs_InTaskOrder_WithSizeAndOnePart()
    {
        Apply(Claim(1, 1, "w1"));
        Apply(Complete(1, 1, "w1", "[3,4]"));
        Apply(Claim(0, 1, "w1"));
        Apply(Complete(0, 1, "w1", "[1]"));

        Assert.Multiple(() =>
        {
            Assert.That(Store.StreamOutputs("job-1").Select(o => (o.Index, o.Value)), Is.EqualTo(new[] { (0, "[1]"), (1, "[3,4]") }));
            Assert.That(Store.FindOutput("job-1", 1)?.Value, Is.EqualTo("[3,4]"));
            Assert.That(Store.FindOutput("job-1", 5), Is.Null);
            Assert.That(Store.OutputSize("job-1"), Is.EqualTo((2L, 8L)));
        });
    }

    private protected static ClaimTask Claim(int index, int attempt, string worker) => new("job-1", index, attempt, worker, 1, 100);

    private protected static CompleteTask Complete(int index, int attempt, string worker, string value) => new("job-1", index, attempt, worker, value, 2, 1);

    private protected void Reopen()
    {
        Store.Dispose();
        Store = Open();
    }

    private protected void Apply(StoreWrite op)
    {
        var batch = new StoreBatch();
        batch.Add(op);
        Store.Apply(batch);
    }

    private protected List<string> Results() => Store.ReadResults("job-1");

    private protected static object? Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
