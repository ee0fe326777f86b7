using System.Collections.Concurrent;
using DistSys.Runtime;
using DistSys.Runtime.Distribution;

namespace DistSys.Host.Hosting.Diagnostics;

/// <summary>
/// A process that monitors one (remote) process and every node, and writes down each DOWN and node
/// event with the wall-clock time it arrived, so a test can measure detection time from outside.
/// </summary>
internal sealed class WatchRecorder(ClusterNode cluster, Pid target, string targetNode, ConcurrentQueue<WatchEventView> events) : Behaviour
{
    protected override ValueTask InitAsync(ProcessContext context)
    {
        context.Monitor(target);
        cluster.MonitorNodes(context.Self);
        return default;
    }

    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        var at = cluster.Runtime.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var recorded = message switch
        {
            Down down => new WatchEventView("down", targetNode, down.Reason.ToString(), at),
            NodeDown down => new WatchEventView("nodedown", down.Node, down.Reason.ToString().ToLowerInvariant(), at),
            NodeUp up => new WatchEventView("nodeup", up.Node, "", at),
            _ => null,
        };
        if (recorded is not null)
        {
            events.Enqueue(recorded);
        }

        return default;
    }
}
