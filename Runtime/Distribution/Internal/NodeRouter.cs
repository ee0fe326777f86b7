namespace DistSys.Runtime.Distribution.Internal;

/// <summary>The runtime's outbound seam, kept off <see cref="ClusterNode"/>'s public surface.</summary>
internal sealed class NodeRouter(ClusterNode node) : IRemoteRouter
{
    public void Send(Pid from, Pid to, object message) => node.RouteMessage(from, to, message);

    public void Link(Pid from, Pid to) => node.RouteLink(from, to, link: true);

    public void Unlink(Pid from, Pid to) => node.RouteLink(from, to, link: false);

    public void Exit(Pid from, Pid to, ExitReason reason, bool fromLink) => node.RouteExit(from, to, reason, fromLink);

    public void Monitor(Pid watcher, Pid target, MonitorRef reference) => node.RouteMonitor(watcher, target, reference, monitor: true);

    public void Demonitor(Pid watcher, Pid target, MonitorRef reference) => node.RouteMonitor(watcher, target, reference, monitor: false);

    public void Down(Pid watcher, MonitorRef reference, Pid target, ExitReason reason) => node.RouteDown(watcher, reference, target, reason);
}
