using System.Collections.Concurrent;
using DistSys.Runtime.Distribution.Internal;
using DistSys.Runtime.Internal;
using DistSys.Transport.Framing;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// Requests and replies between nodes. A request frame carries a correlation id (bit 63 clear) and its
/// reply the same id with bit 63 set, addressed to target 0 (the node). Remote calls: a Message frame to
/// the target with the id; the callee node monitors the target for the call's duration (so its death
/// answers at once, as for a local call) and sends the reply or a <see cref="CallFault"/>. A request whose
/// node goes down fails with noconnection; a call the caller gave up on is forgotten.
/// </summary>
public sealed partial class ClusterNode
{
    private const ulong ReplyBit = 1UL << 63;

    private readonly ConcurrentDictionary<ulong, PendingRequest> _pending = new();
    private long _nextCorrelation;

    private ulong AddPending(PendingRequest request)
    {
        var id = (ulong)Interlocked.Increment(ref _nextCorrelation) & ~ReplyBit;
        _pending[id] = request;
        if (request is PendingCall call && call.Call.Completion is { } completion)
        {
            // A caller that timed out never gets a reply: forget its entry when its call ends either way.
            completion.ContinueWith(_ => _pending.TryRemove(id, out PendingRequest? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return id;
    }

    private void CompletePending(ulong id, object? value)
    {
        if (_pending.TryRemove(id, out var request))
        {
            request.Complete(value);
        }
    }

    private void FailPending(int node)
    {
        foreach (var (id, request) in _pending)
        {
            if (request.Node == node && _pending.TryRemove(id, out _))
            {
                request.Fail(ExitReason.NoConnection);
            }
        }
    }

    private void FailAllPending()
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var request))
            {
                request.Fail(ExitReason.NoConnection);
            }
        }
    }

    private void DeliverCall(Peer caller, Pid target, ulong correlation, object request)
    {
        var sink = new RemoteReplySink(this, caller, correlation) { Target = target, Monitor = Runtime.NewMonitorRef() };
        Runtime.RouteSignal(target, new MonitorSignal(sink.Monitor, new Watcher(Pid.None, sink)));
        Runtime.Send(target, new CallRequest(request, sink));
    }

    internal void SendReply(Peer caller, ulong correlation, object? value)
    {
        ReadOnlySpan<byte> payload;
        FrameFlags flags;
        try
        {
            payload = PayloadCodec.Encode(MessageTypes, value, out flags);
        }
        catch (InvalidOperationException ex)
        {
            payload = PayloadCodec.Encode(MessageTypes, new CallFault(ex.Message), out flags);
        }

        caller.Send(new FrameHeader(FrameKind.Message, flags, 0, 0, correlation | ReplyBit), payload);
    }

    /// <summary>Sends a node-level request and awaits its reply (node down → noconnection, no reply → timeout).</summary>
    private async Task<object?> RequestAsync(Peer peer, object request)
    {
        var pending = new PendingTask(peer.NodeId);
        var id = AddPending(pending);
        var payload = PayloadCodec.Encode(MessageTypes, request, out var flags);
        if (!peer.Send(new FrameHeader(FrameKind.Message, flags, 0, 0, id), payload))
        {
            _pending.TryRemove(id, out _);
            throw new CallException(default, ExitReason.NoConnection);
        }

        try
        {
            return await pending.Task.WaitAsync(_options.RequestTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _pending.TryRemove(id, out _);
            throw new CallException(default, ExitReason.Timeout);
        }
    }
}
