using DistSys.Jobs.Storage;
using DistSys.Jobs.Tests.Support;

namespace DistSys.Jobs.Tests.Storage;

/// <summary>The contract on the embedded store, and what only it does: WAL, PRAGMA user_version, part files.</summary>
public sealed class SqliteJobStoreTests : JobStoreContract
{
    private string? _directory;

    private protected override JobStore Open() => SqliteJobStore.Open(_directory ??= JobHarness.NewDataDirectory());

    protected override void Delete()
    {
        JobHarness.DeleteDirectory(_directory!);
        _directory = null;
    }

    [Test]
    public void Open_NewDirectory_SchemaAtLatestVersionInWalMode()
    {
        using var reader = Store.OpenReader();

        Assert.Multiple(() =>
        {
            Assert.That(SqliteMigrations.Version((Microsoft.Data.Sqlite.SqliteConnection)reader), Is.EqualTo(SqliteMigrations.Latest));
            Assert.That(Scalar(reader, "PRAGMA journal_mode;"), Is.EqualTo("wal"));
        });
    }

    [Test]
    public void Complete_LargeResult_APartFileTheStoreDescribesAndReadsBack()
    {
        var large = "[" + string.Join(",", Enumerable.Range(0, 2000)) + "]";
        Apply(Claim(0, 1, "w1"));
        Apply(Complete(0, 1, "w1", large));
        Apply(Claim(1, 1, "w1"));
        Apply(Complete(1, 1, "w1", "[7]"));

        var path = Store.Parts.PathOf("job-1", 0);
        using var reader = Store.OpenReader();
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllLines(path), Is.EqualTo(Enumerable.Range(0, 2000).Select(i => $"{i}")), "one element a line");
            Assert.That(Scalar(reader, "SELECT COUNT(*) FROM results WHERE idx = 0"), Is.EqualTo(0L), "its bytes are not in the store");
            Assert.That(Scalar(reader, "SELECT bytes FROM parts WHERE idx = 0"), Is.EqualTo(new FileInfo(path).Length));
            Assert.That(Scalar(reader, "SELECT sha256 FROM parts WHERE idx = 0"),
                Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))));
            Assert.That(Results(), Is.EqualTo(new[] { large, "[7]" }), "read back as the task's result, in task order");
            Assert.That(Store.LoadJobs().Single().DoneCount, Is.EqualTo(2));
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
            Assert.That(File.ReadLines(Store.Parts.PathOf("job-1", 0)).First(), Is.EqualTo("{\"key\":\"k0000\",\"value\":0}"));
            Assert.That(Results().Single(), Is.EqualTo(large));
        });
    }
}
