using DistSys.Transport.Framing;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// The runtime's outbound seam: everything the runtime sends to another node. A message becomes one
/// Message frame (target and sender local ids in the header; the node's incarnation was fixed by the
/// handshake), queued without locks on the peer's connection. Nothing here blocks or throws for an
/// unreachable node: what cannot go is dropped and counted, and links and monitors to a node that is not
/// there are answered at once with noconnection. It holds no state of its own and takes no lock.
/// </summary>
internal sealed class OutboundRouter(
    string nodeName, ProcessRuntime runtime, PeerTable peers, RemoteRequests requests, MessageTypes types, ClusterCounters counters) : IRemoteRouter
{
    public void Link(Pid from, Pid to) => RouteLink(from, to, link: true);

    public void Unlink(Pid from, Pid to) => RouteLink(from, to, link: false);

    public void Monitor(Pid watcher, Pid target, MonitorRef reference) => RouteMonitor(watcher, target, reference, monitor: true);

    public void Demonitor(Pid watcher, Pid target, MonitorRef reference) => RouteMonitor(watcher, target, reference, monitor: false);

    public void Send(Pid from, Pid to, object message)
    {
        if (!peers.TryLive(to, out var peer))
        {
            counters.OnDropped();

            // A call to a node that is not there fails now, as a monitor on it would fire at once,
            // instead of waiting out its timeout for a reply that cannot come.
            (message as CallRequest)?.Fail(to, peers.UnreachableReason(to));
            return;
        }

        ulong correlation = 0;
        if (message is CallRequest call)
        {
            correlation = requests.Add(new PendingCall(peer.NodeId, call, to));
            message = call.Request;
        }

        ReadOnlySpan<byte> payload;
        FrameFlags flags;
        try
        {
            payload = PayloadCodec.Encode(types, message, out flags);
        }
        catch when (correlation != 0)
        {
            requests.Forget(correlation);
            throw;
        }

        if (peer.Send(new FrameHeader(FrameKind.Message, flags, (ulong)to.Id, (ulong)from.Id, correlation), payload))
        {
            counters.OnSent();
        }
        else
        {
            counters.OnDropped();
        }
    }

    private void RouteLink(Pid from, Pid to, bool link)
    {
        if (!peers.TryLive(to, out var peer))
        {
            if (link)
            {
                runtime.DeliverExit(to, from, peers.UnreachableReason(to), fromLink: true);
            }

            return;
        }

        if (link)
        {
            peer.SendSystem(new WireLink(WirePids.Of(nodeName, from), WirePids.Of(peer.Name, to)));
        }
        else
        {
            peer.SendSystem(new WireUnlink(WirePids.Of(nodeName, from), WirePids.Of(peer.Name, to)));
        }
    }

    public void Exit(Pid from, Pid to, ExitReason reason, bool fromLink)
    {
        if (peers.TryLive(to, out var peer))
        {
            peer.SendSystem(new WireExit(WirePids.Of(nodeName, from), WirePids.Of(peer.Name, to), ExitReasons.ToWire(reason)), flags: fromLink ? FrameFlags.Linked : FrameFlags.Raw);
        }
    }

    private void RouteMonitor(Pid watcher, Pid target, MonitorRef reference, bool monitor)
    {
        if (!peers.TryLive(target, out var peer))
        {
            if (monitor)
            {
                runtime.DeliverDown(watcher, reference, target, peers.UnreachableReason(target));
            }

            return;
        }

        if (monitor)
        {
            peer.SendSystem(new MonitorRequest(WirePids.Of(nodeName, watcher), WirePids.Of(peer.Name, target), (ulong)reference.Value));
        }
        else
        {
            peer.SendSystem(new DemonitorRequest(WirePids.Of(nodeName, watcher), WirePids.Of(peer.Name, target), (ulong)reference.Value));
        }
    }

    public void Down(Pid watcher, MonitorRef reference, Pid target, ExitReason reason)
    {
        if (peers.TryLive(watcher, out var peer))
        {
            peer.SendSystem(new WireDown((ulong)reference.Value, WirePids.Of(nodeName, target), ExitReasons.ToWire(reason)), target: (ulong)watcher.Id);
        }
    }
}
