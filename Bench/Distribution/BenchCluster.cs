using System.Net;
using DistSys.Runtime;
using DistSys.Runtime.Distribution;
using DistSys.Transport.Security;

namespace DistSys.Bench.Distribution;

/// <summary>The benchmark process's own nodes: the master every peer joins, and in-process workers.</summary>
internal static class BenchCluster
{
    public const string Cookie = "distribution-benchmark-cookie";

    public static ClusterNode StartMaster() => ClusterNode.StartAsync(new ClusterNodeOptions
    {
        Name = "bench-master",
        Role = NodeRole.Master,
        Cookie = ClusterCookie.FromText(Cookie),
        ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
    }).GetAwaiter().GetResult();

    /// <summary>A worker in this process serving "echo", joined to <paramref name="master"/>.</summary>
    public static ClusterNode StartLocalWorker(ClusterNode master, string name)
    {
        var node = ClusterNode.StartAsync(new ClusterNodeOptions
        {
            Name = name,
            Role = NodeRole.Worker,
            Cookie = ClusterCookie.FromText(Cookie),
            MasterHost = "127.0.0.1",
            MasterPort = master.Port,
            Port = 1, // never dialled: the benchmark talks only to the master
        }).GetAwaiter().GetResult();
        node.Behaviours.Register<Pid>("echo", partner => new Echo(partner));
        node.JoinAsync(CancellationToken.None).GetAwaiter().GetResult();
        return node;
    }

    /// <summary>Waits until <paramref name="master"/> sees a member <paramref name="name"/> up (other than <paramref name="previous"/>).</summary>
    public static MemberSnapshot WaitUntilUp(ClusterNode master, string name, int previous = 0)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (master.Members.FirstOrDefault(m => m.Name == name && m.IsUp && m.Incarnation != previous) is { } member)
            {
                return member;
            }

            Thread.Sleep(5);
        }

        throw new TimeoutException($"{name} did not come up");
    }

    /// <summary>Sends every message back to its partner, unchanged (the same behaviour the peer process serves).</summary>
    private sealed class Echo(Pid partner) : Behaviour
    {
        protected internal override ValueTask ReceiveAsync(ProcessContext context, object message)
        {
            context.Send(partner, message);
            return default;
        }
    }
}
