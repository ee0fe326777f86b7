using DistSys.Jobs.Storage;
using DistSys.Jobs.Tests.Support;

namespace DistSys.Jobs.Tests.Storage;

/// <summary>
/// The contract on the shared store, against a throwaway PostgreSQL server (one per fixture, a fresh
/// database per test), and what only it does: its schema version, results kept in their rows, fencing.
/// </summary>
public sealed class PostgresJobStoreTests : JobStoreContract
{
    private TestPostgres _server = null!;
    private string? _database;
    private string? _outputs;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await TestPostgres.StartAsync();

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    private protected override JobStore Open() =>
        PostgresJobStore.Open(_database ??= _server.CreateDatabase(), _outputs ??= JobHarness.NewDataDirectory());

    protected override void Delete()
    {
        _database = null;
        JobHarness.DeleteDirectory(_outputs!);
        _outputs = null;
    }

    [Test]
    public void Open_NewDatabase_SchemaAtLatestVersion()
    {
        using var reader = Store.OpenReader();

        Assert.That(PostgresMigrations.Version((Npgsql.NpgsqlConnection)reader), Is.EqualTo(PostgresMigrations.Latest));
    }

    [Test]
    public void Open_TwoMastersAtOnce_MigrateOnce()
    {
        var database = _server.CreateDatabase();
        var stores = Enumerable.Range(0, 2).AsParallel().Select(_ => PostgresJobStore.Open(database, _outputs!)).ToList();
        foreach (var store in stores)
        {
            store.Dispose();
        }

        Assert.That(_server.Sql(database.Split("Database=")[1], "SELECT COUNT(*) FROM schema_version"), Is.EqualTo("1"));
    }

    [Test]
    public void Complete_LargeResult_StaysInItsRowAndNoPartFile()
    {
        var large = "[" + string.Join(",", Enumerable.Range(0, 2000)) + "]";
        Apply(Claim(0, 1, "w1"));
        Apply(Complete(0, 1, "w1", large));

        Assert.Multiple(() =>
        {
            Assert.That(Results(), Is.EqualTo(new[] { large }));
            Assert.That(File.Exists(Store.Parts.PathOf("job-1", 0)), Is.False, "another master could not read a file on this one's disk");
        });
    }

    [Test]
    public void Apply_AfterAnotherMasterTookTheLease_RefusedAndNothingWritten()
    {
        var database = _database!;
        using var other = new LeaderLease(database, "master-b", "127.0.0.1:2", TimeSpan.FromSeconds(30));
        var epoch = other.TryAcquire();

        Assert.Multiple(() =>
        {
            Assert.That(epoch, Is.EqualTo(1L));
            Assert.Throws<StoreFencedException>(() => Apply(Claim(0, 1, "w1")), "this store still writes under epoch 0");
            Assert.That(Store.LoadTasks("job-1"), Is.Empty, "the refused batch was rolled back");
            Assert.Throws<StoreFencedException>(() => Store.ReleaseOrphanedLeases(1), "recovery writes are fenced too");
        });

        ((PostgresJobStore)Store).Epoch = epoch!.Value;
        Apply(Claim(0, 1, "w1"));
        Assert.That(Store.LoadTasks("job-1").Single().State, Is.EqualTo("running"), "under the lease's epoch it writes");
    }
}
