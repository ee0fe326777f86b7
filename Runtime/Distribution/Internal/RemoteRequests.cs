using System.Collections.Concurrent;
using DistSys.Runtime.Internal;
using DistSys.Transport.Framing;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// Requests to and from other nodes: the pending table (remote calls, spawns, node requests) keyed by
/// correlation id, the callee's side of a remote call, and replies. A request frame carries a correlation
/// id (bit 63 clear) and its reply the same id with bit 63 set, addressed to target 0 (the node); a spawn
/// with a monitor uses the monitor reference with bit 62 set, which plain ids never reach. It owns its
/// state and takes no lock: the table is a concurrent map and ids come from an interlocked counter.
/// </summary>
internal sealed class RemoteRequests(ProcessRuntime runtime, MessageTypes types, TimeSpan requestTimeout)
{
    public const ulong ReplyBit = 1UL << 63;
    public const ulong MonitorBit = 1UL << 62;

    private readonly ConcurrentDictionary<ulong, PendingRequest> _pending = new();
    private long _nextCorrelation;

    /// <summary>Records a request under a fresh id.</summary>
    public ulong Add(PendingRequest request)
    {
        var id = (ulong)Interlocked.Increment(ref _nextCorrelation) & ~(ReplyBit | MonitorBit);
        _pending[id] = request;
        if (request is PendingCall call && call.Call.Completion is { } completion)
        {
            // A caller that timed out never gets a reply: forget its entry when its call ends either way.
            completion.ContinueWith(_ => _pending.TryRemove(id, out PendingRequest? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return id;
    }

    /// <summary>Records a spawn-with-monitor request under its monitor reference (bit 62 set).</summary>
    public ulong AddMonitored(MonitorRef reference, PendingRequest request)
    {
        var id = (ulong)reference.Value | MonitorBit;
        _pending[id] = request;
        return id;
    }

    public static MonitorRef MonitorRefOf(ulong correlation) => new((long)(correlation & ~MonitorBit));

    public bool TryGet(ulong id, out PendingRequest? request) => _pending.TryGetValue(id, out request);

    public void Forget(ulong id) => _pending.TryRemove(id, out _);

    public void Complete(ulong id, object? value)
    {
        if (_pending.TryRemove(id, out var request))
        {
            request.Complete(value);
        }
    }

    /// <summary>Fails every request waiting on <paramref name="node"/> with noconnection.</summary>
    public void FailNode(int node)
    {
        foreach (var (id, request) in _pending)
        {
            if (request.Node == node && _pending.TryRemove(id, out _))
            {
                request.Fail(ExitReason.NoConnection);
            }
        }
    }

    public void FailAll()
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var request))
            {
                request.Fail(ExitReason.NoConnection);
            }
        }
    }

    /// <summary>
    /// A call from another node: the callee node monitors the target for the call's duration (so its death
    /// answers at once, as for a local call) and sends the reply or a <see cref="CallFault"/>.
    /// </summary>
    public void DeliverCall(Peer caller, Pid target, ulong correlation, object request)
    {
        var sink = new RemoteReplySink(this, caller, correlation) { Target = target, Monitor = runtime.NewMonitorRef() };
        runtime.RouteSignal(target, new MonitorSignal(sink.Monitor, new Watcher(Pid.None, sink)));
        runtime.Send(target, new CallRequest(request, sink));
    }

    /// <summary>The callee's side of a call is done: the target no longer needs watching.</summary>
    public void EndCall(Pid target, MonitorRef monitor) => runtime.DeliverDemonitor(target, monitor);

    public void SendReply(Peer caller, ulong correlation, object? value)
    {
        ReadOnlySpan<byte> payload;
        FrameFlags flags;
        try
        {
            payload = PayloadCodec.Encode(types, value, out flags);
        }
        catch (InvalidOperationException ex)
        {
            payload = PayloadCodec.Encode(types, new CallFault(ex.Message), out flags);
        }

        caller.Send(new FrameHeader(FrameKind.Message, flags, 0, 0, correlation | ReplyBit), payload);
    }

    /// <summary>Sends a node-level request and awaits its reply (node down → noconnection, no reply → timeout).</summary>
    public async Task<object?> RequestAsync(Peer peer, object request)
    {
        var pending = new PendingTask(peer.NodeId);
        var id = Add(pending);
        var payload = PayloadCodec.Encode(types, request, out var flags);
        if (!peer.Send(new FrameHeader(FrameKind.Message, flags, 0, 0, id), payload))
        {
            Forget(id);
            throw new CallException(default, ExitReason.NoConnection);
        }

        try
        {
            return await pending.Task.WaitAsync(requestTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Forget(id);
            throw new CallException(default, ExitReason.Timeout);
        }
    }
}
