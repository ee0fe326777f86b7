using DistSys.Transport.Framing;

namespace DistSys.Transport.Connections;

public sealed partial class Connection
{
    private long _framesReceived;
    private long _lastReceived;
    private bool _dispatching;

    // This batch's frames by kind, folded into the shared counters at its end (the read loop is the only writer).
    private readonly int[] _batchKinds = new int[TransportCounters.FrameKinds];
    private int _batchKindMask;

    /// <summary>Frames received (heartbeats included).</summary>
    public long FramesReceived => Volatile.Read(ref _framesReceived);

    // The one loop shape: ReadAsync → parse every complete frame → AdvanceTo(consumed, examined) → stop
    // on completion. Examining everything means a partial frame does not wake us again until more
    // bytes arrive, however they were split.
    private async Task ReadLoopAsync()
    {
        var input = _transport.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var consumed = buffer.Start;
                try
                {
                    MarkReceived();
                    while (Frame.TryRead(ref buffer, _options.MaxPayload, out var frame))
                    {
                        Dispatch(frame);
                    }

                    consumed = buffer.Start;
                }
                finally
                {
                    input.AdvanceTo(consumed, result.Buffer.End);
                    FoldBatch(result.Buffer.Length - buffer.Length);
                }

                if (result.IsCanceled)
                {
                    return;
                }

                if (result.IsCompleted)
                {
                    Shutdown(buffer.IsEmpty ? CloseReason.PeerClosed : CloseReason.Truncated);
                    return;
                }
            }
        }
        catch (ProtocolException ex)
        {
            TransportLog.ProtocolViolation(_options.Logger, Peer?.Name, ex.Error, ex.Message);
            Shutdown(CloseReason.ProtocolError);
        }
        catch (Exception ex)
        {
            var reason = _dispatching ? CloseReason.HandlerError : CloseReason.TransportError;
            TransportLog.ConnectionFailed(_options.Logger, Peer?.Name, reason, ex);
            Shutdown(reason);
        }
    }

    private void Dispatch(in Frame frame)
    {
        _framesReceived++;
        var kind = (int)frame.Header.Kind;
        _batchKinds[kind]++;
        _batchKindMask |= 1 << kind;
        if (frame.Header.Kind == FrameKind.Heartbeat)
        {
            return;
        }

        _dispatching = true;
        _handler.OnFrame(frame, this);
        _dispatching = false;
    }

    /// <summary>One atomic add per kind seen in the batch, not one per frame.</summary>
    private void FoldBatch(long bytes)
    {
        if (bytes == 0)
        {
            return;
        }

        var counters = _options.Counters;
        counters.OnReceived(bytes);
        for (var mask = _batchKindMask; mask != 0; mask &= mask - 1)
        {
            var kind = System.Numerics.BitOperations.TrailingZeroCount(mask);
            counters.OnFramesReceived(kind, _batchKinds[kind]);
            _batchKinds[kind] = 0;
        }

        _batchKindMask = 0;
    }

    private void MarkReceived() => Volatile.Write(ref _lastReceived, _options.TimeProvider.GetTimestamp());
}
