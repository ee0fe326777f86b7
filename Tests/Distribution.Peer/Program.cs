using DistSys.Runtime;
using DistSys.Runtime.Distribution;
using DistSys.Transport.Security;

namespace DistSys.Distribution.Peer;

/// <summary>
/// <c>DistSys.Distribution.Peer NAME MASTER_HOST MASTER_PORT COOKIE</c>: joins the master as worker NAME,
/// registers the "echo" behaviour (argument: the pid to echo to), prints READY and runs until killed.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length != 4 || !int.TryParse(args[2], out var masterPort))
        {
            await Console.Error.WriteLineAsync("usage: DistSys.Distribution.Peer NAME MASTER_HOST MASTER_PORT COOKIE");
            return 2;
        }

        await using var node = await ClusterNode.StartAsync(new ClusterNodeOptions
        {
            Name = args[0],
            Role = NodeRole.Worker,
            MasterHost = args[1],
            MasterPort = masterPort,
            Cookie = ClusterCookie.FromText(args[3]),
            Port = 1, // never dialled: the benchmark talks only to its master
        });
        node.Behaviours.Register<Pid>("echo", partner => new Echo(partner));
        await node.JoinAsync(CancellationToken.None);
        Console.WriteLine("READY");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }

    /// <summary>Sends every message back to its partner, unchanged.</summary>
    private sealed class Echo(Pid partner) : Behaviour
    {
        protected override ValueTask ReceiveAsync(ProcessContext context, object message)
        {
            context.Send(partner, message);
            return default;
        }
    }
}
