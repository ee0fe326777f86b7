using System.Buffers;
using DistSys.Runtime.Distribution.Internal;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// Everything the runtime sends to another node. A message becomes one Message frame (target and sender
/// local ids in the header; the node's incarnation was fixed by the handshake), queued without locks on the
/// peer's connection. Nothing here blocks or throws for an unreachable node: what cannot go is dropped and
/// counted, and links and monitors to a node that is not there are answered at once with noconnection.
/// </summary>
public sealed partial class ClusterNode
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_systemScratch;

    internal void RouteMessage(Pid from, Pid to, object message)
    {
        if (!TryPeerOf(to, out var peer))
        {
            Counters.OnDropped();
            return;
        }

        ulong correlation = 0;
        if (message is CallRequest call)
        {
            correlation = _requests.Add(new PendingCall(peer.NodeId, call, to));
            message = call.Request;
        }

        ReadOnlySpan<byte> payload;
        FrameFlags flags;
        try
        {
            payload = PayloadCodec.Encode(MessageTypes, message, out flags);
        }
        catch when (correlation != 0)
        {
            _requests.Forget(correlation);
            throw;
        }

        if (peer.Send(new FrameHeader(FrameKind.Message, flags, (ulong)to.Id, (ulong)from.Id, correlation), payload))
        {
            Counters.OnSent();
        }
        else
        {
            Counters.OnDropped();
        }
    }

    internal void RouteLink(Pid from, Pid to, bool link)
    {
        if (!TryPeerOf(to, out var peer))
        {
            if (link)
            {
                Runtime.DeliverExit(to, from, UnreachableReason(to), fromLink: true);
            }

            return;
        }

        if (link)
        {
            SendSystem(peer, new LinkSignal(ToWire(from), ToWire(peer, to)));
        }
        else
        {
            SendSystem(peer, new UnlinkSignal(ToWire(from), ToWire(peer, to)));
        }
    }

    internal void RouteExit(Pid from, Pid to, ExitReason reason, bool fromLink)
    {
        if (TryPeerOf(to, out var peer))
        {
            SendSystem(peer, new Transport.Messages.ExitSignal(ToWire(from), ToWire(peer, to), ExitReasons.ToWire(reason)), flags: fromLink ? FrameFlags.Linked : FrameFlags.Raw);
        }
    }

    internal void RouteMonitor(Pid watcher, Pid target, MonitorRef reference, bool monitor)
    {
        if (!TryPeerOf(target, out var peer))
        {
            if (monitor)
            {
                Runtime.DeliverDown(watcher, reference, target, UnreachableReason(target));
            }

            return;
        }

        if (monitor)
        {
            SendSystem(peer, new MonitorRequest(ToWire(watcher), ToWire(peer, target), (ulong)reference.Value));
        }
        else
        {
            SendSystem(peer, new DemonitorRequest(ToWire(watcher), ToWire(peer, target), (ulong)reference.Value));
        }
    }

    internal void RouteDown(Pid watcher, MonitorRef reference, Pid target, ExitReason reason)
    {
        if (TryPeerOf(watcher, out var peer))
        {
            SendSystem(peer, new Transport.Messages.DownSignal((ulong)reference.Value, ToWire(target), ExitReasons.ToWire(reason)), target: (ulong)watcher.Id);
        }
    }

    private bool TryPeerOf(Pid pid, out Peer peer) => _peers.TryLive(pid, out peer);

    private ExitReason UnreachableReason(Pid pid) => _peers.UnreachableReason(pid);

    /// <summary>Encodes a system message into per-thread scratch and queues it on <paramref name="peer"/> (signals are not the hot path).</summary>
    private static bool SendSystem<T>(Peer peer, in T message, ulong target = 0, ulong correlation = 0, FrameFlags flags = FrameFlags.Raw)
        where T : struct, IWireMessage<T>
    {
        var scratch = t_systemScratch ??= new ArrayBufferWriter<byte>(256);
        scratch.ResetWrittenCount();
        SystemMessage.Write(scratch, message, target, 0, correlation, flags);
        var frame = scratch.WrittenSpan;
        var sent = peer.Send(FrameHeader.Read(frame), frame[FrameHeader.Size..]);
        if (scratch.Capacity > 64 * 1024)
        {
            t_systemScratch = null;
        }

        return sent;
    }

    private WirePid ToWire(Pid local) => new(Name, (ulong)local.Id, (uint)local.Incarnation);

    private static WirePid ToWire(Peer peer, Pid remote) => new(peer.Name, (ulong)remote.Id, (uint)remote.Incarnation);
}
