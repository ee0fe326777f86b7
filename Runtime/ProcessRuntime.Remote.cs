using DistSys.Runtime.Internal;

namespace DistSys.Runtime;

/// <summary>
/// The inbound half of the distribution seam: the distribution layer calls these with what
/// arrives from other nodes (the outbound half is <see cref="IRemoteRouter"/>).
/// </summary>
public sealed partial class ProcessRuntime
{
    /// <summary>A remote <paramref name="from"/> linked itself to the local <paramref name="to"/>.</summary>
    public void DeliverLink(Pid from, Pid to) => RouteSignal(to, new LinkSignal(from));

    /// <summary>A remote <paramref name="from"/> removed its link to the local <paramref name="to"/>.</summary>
    public void DeliverUnlink(Pid from, Pid to) => RouteSignal(to, new UnlinkSignal(from));

    /// <summary>An exit signal from a remote process.</summary>
    public void DeliverExit(Pid from, Pid to, ExitReason reason, bool fromLink) =>
        RouteSignal(to, new ExitSignal(from, reason, fromLink));

    /// <summary>A remote <paramref name="watcher"/> monitors the local <paramref name="target"/>.</summary>
    public void DeliverMonitor(Pid watcher, Pid target, MonitorRef reference) =>
        RouteSignal(target, new MonitorSignal(reference, new Watcher(watcher, null)));

    /// <summary>A remote watcher removed its monitor on the local <paramref name="target"/>.</summary>
    public void DeliverDemonitor(Pid target, MonitorRef reference) => RouteSignal(target, new DemonitorSignal(reference));

    /// <summary>A remote process monitored by the local <paramref name="watcher"/> exited.</summary>
    public void DeliverDown(Pid watcher, MonitorRef reference, Pid target, ExitReason reason) =>
        RouteSignal(watcher, new DownSignal(reference, target, reason));

    /// <summary>
    /// Node <paramref name="node"/> is unreachable: every local link to its processes fires with
    /// noconnection and every monitor on them delivers DOWN noconnection.
    /// </summary>
    public void NodeDown(int node)
    {
        foreach (var process in Table.Snapshot())
        {
            if (!process.IsQuietWithoutRemoteTies)
            {
                process.PostSignal(new NodeDownSignal(node));
            }
        }
    }
}
