using System.Security.Cryptography.X509Certificates;
using DistSys.Runtime.Distribution;
using DistSys.Runtime.Tests.Distribution.Support;
using DistSys.Transport.Connections;
using DistSys.Transport.Security;

namespace DistSys.Runtime.Tests.Distribution;

/// <summary>Cluster links over mutual TLS: ClusterNodeOptions.Connection carries ClusterTls to every link.</summary>
public sealed class ClusterNodeTlsTests
{
    [Test]
    public async Task JoinAsync_MasterAndTwoWorkersOverTls_FormMesh()
    {
        using var ca = ClusterCertificateAuthority.Create("tls-tests", 1);
        var tls = new Dictionary<string, ClusterTls>();
        try
        {
            await using var cluster = await TestCluster.StartAsync(workers: 2, options =>
            {
                var nodeTls = new ClusterTls(ca.Issue(options.Name, 1), [X509CertificateLoader.LoadCertificate(ca.Certificate.RawData)]);
                tls[options.Name] = nodeTls;
                return options with { Connection = new ConnectionOptions { Tls = nodeTls } };
            });

            foreach (var node in cluster.Nodes)
            {
                Assert.That(node.Members.Count(m => m.IsUp), Is.EqualTo(3), node.Name);
            }
        }
        finally
        {
            foreach (var nodeTls in tls.Values)
            {
                nodeTls.Dispose();
            }
        }
    }

    [Test]
    public async Task JoinAsync_WorkerFromAnotherCa_DoesNotJoin()
    {
        using var ca = ClusterCertificateAuthority.Create("tls-tests", 1);
        using var other = ClusterCertificateAuthority.Create("tls-tests", 1);
        using var masterTls = new ClusterTls(ca.Issue("master", 1), [X509CertificateLoader.LoadCertificate(ca.Certificate.RawData)]);
        using var workerTls = new ClusterTls(other.Issue("worker1", 1), [X509CertificateLoader.LoadCertificate(other.Certificate.RawData)]);
        await using var cluster = new TestCluster();
        var master = await cluster.StartNodeAsync("master", NodeRole.Master, o => o with { Connection = new ConnectionOptions { Tls = masterTls } });
        var worker = await cluster.StartAsync(new ClusterNodeOptions
        {
            Name = "worker1",
            Role = NodeRole.Worker,
            Cookie = TestCluster.Cookie,
            ListenEndPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0),
            MasterHost = "127.0.0.1",
            MasterPort = master.Port,
            Connection = new ConnectionOptions { Tls = workerTls },
        });

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        Assert.That(async () => await worker.JoinAsync(cancel.Token), Throws.InstanceOf<Exception>());
        Assert.That(master.Members.Any(m => m.Name == "worker1" && m.IsUp), Is.False);
    }
}
