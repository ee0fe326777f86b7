using System.Text.Json;
using DistSys.Host.Cli;

namespace DistSys.Node.Tests.Cli;

/// <summary>The lines <c>client HOST:PORT masters</c> prints from a master's status (docs/ha.md).</summary>
public sealed class MasterClientTextTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_769_001_000);

    [Test]
    public void MasterLines_AStandbyAnswers_TheLeaderItsEpochAndEachStandbyWithItsAge()
    {
        using var status = JsonDocument.Parse("""
            {"node":"m2","role":"master","services":{"ha":{"store":"PostgreSQL 127.0.0.1:5432/distsys","role":"standby","epoch":3,
             "leader":"m1","leader_address":"127.0.0.1:8080",
             "standbys":[{"name":"m2","address":"127.0.0.1:9080","last_seen":1764769000700},{"name":"m3","address":"127.0.0.1:9180","last_seen":1764769000123}]}}}
            """);

        Assert.That(ClientRunner.MasterLines(status.RootElement, Now).Split(Environment.NewLine), Is.EqualTo(new[]
        {
            "leader m1 at 127.0.0.1:8080, epoch 3, store PostgreSQL 127.0.0.1:5432/distsys (asked m2, the standby)",
            "standby m2 at 127.0.0.1:9080, seen 0.3 s ago",
            "standby m3 at 127.0.0.1:9180, seen 0.9 s ago",
        }));
    }

    [Test]
    public void MasterLines_NoStandbyAndNoLeaderYet_SaysSo()
    {
        using var status = JsonDocument.Parse("""
            {"node":"m1","services":{"ha":{"store":"PostgreSQL db","role":"standby","epoch":0,"leader":null,"leader_address":null,"standbys":[]}}}
            """);

        Assert.That(ClientRunner.MasterLines(status.RootElement, Now).Split(Environment.NewLine), Is.EqualTo(new[]
        {
            "leader none yet, epoch 0, store PostgreSQL db (asked m1, the standby)",
            "no standby seen within two lease TTLs",
        }));
    }

    [Test]
    public void MasterLines_AMasterOnItsOwnStore_NamesHowToShareOne()
    {
        using var status = JsonDocument.Parse("""{"node":"master","services":{"jobs":{}}}""");

        Assert.That(ClientRunner.MasterLines(status.RootElement, Now), Does.StartWith("master: a master on its own store, no standbys").And.Contain("docs/ha.md"));
    }
}
