using DistSys.Host.Cli;
using DistSys.Host.Hosting.Settings;

namespace DistSys.Node.Tests.Hosting.Settings;

/// <summary>The shared store and its lease timings: three spellings, validated, the password never echoed.</summary>
public sealed partial class NodeSettingsLoaderTests
{
    [Test]
    public void Load_NoStore_EmbeddedStore()
    {
        Assert.That(Load(NodeOptionArgs.None).Store, Is.Null);
    }

    [Test]
    public void Load_StoreFromEnvironment_DescribedWithoutItsPasswordAndDefaultLease()
    {
        _env["DISTSYS_STORE"] = "Host=db.local;Port=5433;Database=distsys;Username=ha;Password=s3cret-pw";

        var store = Load(NodeOptionArgs.None).Store!;

        Assert.Multiple(() =>
        {
            Assert.That(store.ConnectionString, Does.Contain("Password=s3cret-pw"), "the store gets it whole");
            Assert.That(store.Description, Is.EqualTo("PostgreSQL db.local:5433/distsys"));
            Assert.That(store.LeaseRenew, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
            Assert.That(store.LeaseTtl, Is.EqualTo(TimeSpan.FromSeconds(2)));
        });
    }

    [Test]
    public void Load_StoreAndLeaseOnTheCommandLine_BeatTheConfigFile()
    {
        var file = Path.Combine(_dir, "node.json");
        File.WriteAllText(file, """{ "store": "Host=file;Database=f", "lease_ttl": "9s" }""");

        var store = Load(new NodeOptionArgs { ConfigFile = file, Store = "Host=cli;Database=c", LeaseRenew = "1s", LeaseTtl = "3s" }).Store!;

        Assert.Multiple(() =>
        {
            Assert.That(store.Description, Is.EqualTo("PostgreSQL cli:5432/c"));
            Assert.That(store.LeaseRenew, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(store.LeaseTtl, Is.EqualTo(TimeSpan.FromSeconds(3)));
        });
    }

    [Test]
    public void Load_BadStore_NamedWithoutEchoingTheValue()
    {
        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { Store = "Host=db;Password=s3cret-pw;Bogus=1" }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith("invalid store (from --store): expected a PostgreSQL connection string"));
            Assert.That(error.Message, Does.Not.Contain("s3cret-pw"));
        });
    }

    [Test]
    public void Load_StoreWithoutDatabase_Refused()
    {
        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { Store = "Host=db;Username=u" }));

        Assert.That(error!.Message, Does.Contain("Host and Database are required"));
    }

    [Test]
    public void Load_TtlUnderTwoRenewals_Refused()
    {
        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { LeaseRenew = "600ms", LeaseTtl = "1s" }));

        Assert.That(error!.Message, Is.EqualTo("invalid lease_ttl (1000ms): it must be at least twice lease_renew (600ms)"));
    }
}
