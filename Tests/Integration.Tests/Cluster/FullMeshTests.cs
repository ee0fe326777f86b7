using DistSys.Integration.Tests.Support;

namespace DistSys.Integration.Tests.Cluster;

[TestFixture]
public sealed class FullMeshTests
{
    [Test]
    public async Task EightNodes_StartedTogether_EveryNodeSeesAllEightUp()
    {
        await using var cluster = new TestCluster();
        var master = cluster.StartMaster();
        // Workers start at once, racing the master's own start: each retries until the master answers.
        string[] names = ["master", .. Enumerable.Range(1, 7).Select(i => $"worker{i}")];
        foreach (var name in names.Skip(1))
        {
            cluster.StartWorker(name);
        }

        await TestCluster.WhenHealthyAsync([.. cluster.Nodes]);
        await TestCluster.WhenEveryoneSeesAsync(cluster.Nodes, names);

        // "up" in a node's view means connected from that node, so eight views of eight up is the full mesh; and it carries traffic.
        var ping = await cluster.Nodes[3].GetJsonAsync("/debug/ping/worker7");
        Assert.That(ping.GetProperty("reply").GetString(), Is.EqualTo("pong from worker7"));
        Assert.That(master.HasExited, Is.False);
    }
}
