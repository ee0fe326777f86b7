using System.Net;
using DistSys.Runtime;
using DistSys.Runtime.Distribution;
using DistSys.Supervision;

// Counter: an application of its own on DistSys, as an embedded node of a running cluster.
//   dotnet run -- serve MASTER_PORT   joins the master on 127.0.0.1, runs the counter under a supervisor
//                                      and registers it cluster-wide as "counter"; runs until Ctrl-C
//   dotnet run -- call MASTER_PORT    joins from a second process, finds "counter" and calls it
// The cookie is the cluster's: DISTSYS_COOKIE, else ~/.distsys.cookie (what the master uses).
if (args is not [("serve" or "call") and var role, var portText] || !int.TryParse(portText, out var masterPort))
{
    Console.Error.WriteLine("usage: Counter serve|call MASTER_PORT");
    return 2;
}

await using var node = await ClusterNode.StartAsync(new ClusterNodeOptions
{
    Name = $"counter-{role}",
    Role = NodeRole.Worker,
    Host = "127.0.0.1",
    ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0), // the other workers dial this node directly
    MasterHost = "127.0.0.1",
    MasterPort = masterPort,
});
await node.JoinAsync(CancellationToken.None);
Console.WriteLine($"joined the cluster as {node.Name}");
return role == "serve" ? await Sample.ServeAsync(node) : await Sample.CallAsync(node);

internal static class Sample
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    /// <summary>The supervision tree: one_for_one over the counter, which registers itself whenever it (re)starts.</summary>
    public static async Task<int> ServeAsync(ClusterNode node)
    {
        await Supervisor.StartAsync(node.Runtime, new SupervisorSpec
        {
            Name = "counter_sup",
            Strategy = SupervisorStrategy.OneForOne,
            Children = [ChildSpec.Worker("counter", () => new Counter(node))],
        });
        Console.WriteLine("serving: global name 'counter' under supervisor counter_sup; Ctrl-C stops");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        await node.LeaveAsync(CancellationToken.None);
        Console.WriteLine("left the cluster");
        return 0;
    }

    /// <summary>Calls the counter on the other node, crashes it, and calls the one its supervisor restarted.</summary>
    public static async Task<int> CallAsync(ClusterNode node)
    {
        var counter = await node.WhereisGlobalAsync("counter") ?? throw new InvalidOperationException("no process is registered as 'counter'");
        for (var i = 0; i < 3; i++)
        {
            Console.WriteLine($"increment -> {await node.Runtime.CallAsync<long>(counter, "increment", s_timeout)}");
        }

        try
        {
            await node.Runtime.CallAsync<long>(counter, "crash", s_timeout);
        }
        catch (CallException ex)
        {
            Console.WriteLine($"crash -> the call failed: {ex.Message}");
        }

        // The supervisor restarts the counter and the new one registers the name again.
        var restarted = counter;
        for (var deadline = DateTime.UtcNow + s_timeout; restarted == counter && DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            restarted = await node.WhereisGlobalAsync("counter") ?? counter;
        }

        Console.WriteLine(restarted == counter
            ? "the counter was not restarted"
            : $"restarted by its supervisor: {counter} -> {restarted}, get -> {await node.Runtime.CallAsync<long>(restarted, "get", s_timeout)}");
        await node.LeaveAsync(CancellationToken.None);
        return restarted == counter ? 1 : 0;
    }
}

/// <summary>
/// The GenServer: "increment" adds one and answers the new value, "get" answers it, "crash" throws (so its
/// supervisor restarts it, at 0). Strings and longs travel between nodes as they are; a type of your own
/// would be a [MessagePackObject] registered with node.MessageTypes.Register&lt;T&gt;(tag) on every node.
/// </summary>
internal sealed class Counter(ClusterNode node) : GenServer
{
    private long _value;

    protected override async ValueTask InitAsync(ProcessContext context)
    {
        // A restarted counter may ask before the master has released the old one's name: ask again.
        for (var attempt = 0; !await node.RegisterGlobalAsync("counter", context.Self); attempt++)
        {
            if (attempt == 100)
            {
                throw new InvalidOperationException("the global name 'counter' stays taken");
            }

            await Task.Delay(20);
        }
    }

    protected override ValueTask<object?> HandleCallAsync(ProcessContext context, object request) => request switch
    {
        "increment" => ValueTask.FromResult<object?>(++_value),
        "get" => ValueTask.FromResult<object?>(_value),
        "crash" => throw new InvalidOperationException("asked to crash"),
        _ => ValueTask.FromResult<object?>(-1L),
    };
}
