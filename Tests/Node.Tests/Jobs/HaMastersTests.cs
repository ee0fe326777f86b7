using DistSys.Host.Jobs;

namespace DistSys.Node.Tests.Jobs;

/// <summary>The leader's list of masters, as a worker reads it: outside input, so every item must be an address a worker can dial.</summary>
public sealed class HaMastersTests
{
    [Test]
    public void Parse_Addresses_InOrder()
    {
        var masters = HaMasters.Parse("127.0.0.1:8080, master-b.example:9080,[::1]:7000");

        Assert.That(masters!.Select(m => $"{m.Host}|{m.Port}"), Is.EqualTo(new[] { "127.0.0.1|8080", "master-b.example|9080", "::1|7000" }));
    }

    [TestCase("127.0.0.1")]
    [TestCase("127.0.0.1:0")]
    [TestCase("127.0.0.1:65536")]
    [TestCase("0.0.0.0:8080")]
    [TestCase("[::]:8080")]
    [TestCase("bad host:8080")]
    [TestCase("127.0.0.1:8080,;rm -rf /:1")]
    public void Parse_AnythingNotDialable_RefusesTheWholeAnswer(string answer) =>
        Assert.That(HaMasters.Parse(answer), Is.Null);

    [Test]
    public void Parse_MoreThanAWorkerKeeps_Refused() =>
        Assert.That(HaMasters.Parse(string.Join(',', Enumerable.Range(1, 17).Select(p => $"127.0.0.1:{p}"))), Is.Null);
}
