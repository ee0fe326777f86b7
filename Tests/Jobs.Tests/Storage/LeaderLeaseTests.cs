using DistSys.Jobs.Storage;

namespace DistSys.Jobs.Tests.Storage;

/// <summary>The leader lease on a shared store: one holder at a time, takeover only once it lapsed, epochs that only grow.</summary>
public sealed class LeaderLeaseTests
{
    private TestPostgres _server = null!;
    private string _database = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await TestPostgres.StartAsync();

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [SetUp]
    public void SetUp()
    {
        _database = _server.CreateDatabase();
        PostgresJobStore.Open(_database, Path.GetTempPath()).Dispose();
    }

    [Test]
    public void TryAcquire_Held_SecondMasterRefusedUntilItLapses()
    {
        using var a = Lease("a", TimeSpan.FromMilliseconds(300));
        using var b = Lease("b", TimeSpan.FromSeconds(30));

        var first = a.TryAcquire();
        var refused = b.TryAcquire();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(1L));
            Assert.That(refused, Is.Null);
            Assert.That(a.Read(), Is.EqualTo(new LeaderInfo(1, "a", "127.0.0.1:a", true)));
        });
    }

    [Test]
    public async Task TryAcquire_AfterTheHolderStoppedRenewing_HigherEpochAndTheOldHolderCannotRenew()
    {
        using var a = Lease("a", TimeSpan.FromMilliseconds(300));
        using var b = Lease("b", TimeSpan.FromSeconds(30));
        var old = a.TryAcquire()!.Value;

        long? taken = null;
        await Eventually.True(() => (taken = b.TryAcquire()) is not null, "b took the lapsed lease");

        Assert.Multiple(() =>
        {
            Assert.That(taken, Is.EqualTo(old + 1));
            Assert.That(a.Renew(old), Is.False, "a lapsed holder does not get its lease back");
            Assert.That(b.Renew(taken!.Value), Is.True);
            Assert.That(b.Read().Holder, Is.EqualTo("b"));
            Assert.That(_server.Sql(DatabaseName, "SELECT epoch FROM leader_fence"), Is.EqualTo($"{taken}"), "the fence moved with the lease");
        });
    }

    [Test]
    public void Renew_HeldLease_KeepsItPastItsTtl()
    {
        using var a = Lease("a", TimeSpan.FromMilliseconds(400));
        using var b = Lease("b", TimeSpan.FromSeconds(30));
        var epoch = a.TryAcquire()!.Value;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(1.5);

        // Renewed well inside its TTL for several TTLs: nobody else gets it meanwhile.
        var stolen = false;
        while (DateTime.UtcNow < until)
        {
            Assert.That(a.Renew(epoch), Is.True);
            stolen |= b.TryAcquire() is not null;
        }

        Assert.That(stolen, Is.False);
    }

    [Test]
    public void Release_Held_AnotherMasterTakesItAtOnce()
    {
        using var a = Lease("a", TimeSpan.FromSeconds(30));
        using var b = Lease("b", TimeSpan.FromSeconds(30));
        var epoch = a.TryAcquire()!.Value;

        a.Release(epoch);

        Assert.Multiple(() =>
        {
            Assert.That(b.TryAcquire(), Is.EqualTo(epoch + 1), "no wait for the 30 s TTL");
            Assert.That(b.Read(), Is.EqualTo(new LeaderInfo(epoch + 1, "b", "127.0.0.1:b", true)));
        });
    }

    private string DatabaseName => _database.Split("Database=")[1];

    private LeaderLease Lease(string holder, TimeSpan ttl) => new(_database, holder, $"127.0.0.1:{holder}", ttl);
}
