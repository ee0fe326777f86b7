namespace DistSys.Transport.Connections;

public sealed partial class Connection
{
    private long _framesSent;
    private long _flushes;
    private long _bytesSent;
    private long _lastSent;

    /// <summary>Frames written to the transport (heartbeats included).</summary>
    public long FramesSent => Volatile.Read(ref _framesSent);

    /// <summary>Flushes of the transport; <see cref="FramesSent"/> / Flushes is the coalescing factor.</summary>
    public long Flushes => Volatile.Read(ref _flushes);

    /// <summary>Payload and header bytes written to the transport.</summary>
    public long BytesSent => Volatile.Read(ref _bytesSent);

    // The single consumer of the outbound queue: copy every published frame into the pipe, flush once,
    // repeat; park on the signal when there is nothing to do. A flush that waits (the pipe is above its
    // pause threshold because the peer is slow) stops draining, the queue fills, and senders see Full.
    private async Task WriteLoopAsync()
    {
        var output = _transport.Output;
        var maxBatch = Math.Max(_options.SegmentSize * 4, 256 * 1024);
        var spinner = default(SpinWait);
        try
        {
            while (true)
            {
                var frames = _queue.Drain(output, maxBatch, out var bytes);
                if (frames > 0)
                {
                    spinner.Reset();
                    _framesSent += frames;
                    _bytesSent += bytes;
                    _options.Counters.OnSent(bytes);
                    _flushes++;
                    MarkSent();
                    ReleaseSpaceWaiters();
                    var flush = await output.FlushAsync().ConfigureAwait(false);
                    if (flush.IsCompleted || flush.IsCanceled)
                    {
                        return;
                    }

                    continue;
                }

                if (IsClosing && (CloseReason != CloseReason.Local || _queue.IsEmpty))
                {
                    return;
                }

                Interlocked.Exchange(ref _writerParked, 1);
                if (!_queue.IsEmpty || IsClosing)
                {
                    // A sender claimed space but has not published yet: it is mid-copy, so wait a moment.
                    Interlocked.Exchange(ref _writerParked, 0);
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }

                await _dataQueued.WaitAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            TransportLog.ConnectionFailed(_options.Logger, Peer?.Name, CloseReason.TransportError, ex);
            Shutdown(CloseReason.TransportError);
        }
    }

    private bool IsClosing => Volatile.Read(ref _closeReason) != 0;

    private void MarkSent() => Volatile.Write(ref _lastSent, _options.TimeProvider.GetTimestamp());
}
