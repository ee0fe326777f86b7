using DistSys.Transport.Connections.Internal;
using DistSys.Transport.Framing;

namespace DistSys.Transport.Connections;

public sealed partial class Connection
{
    private readonly AsyncSignal _dataQueued = new();
    private TaskCompletionSource _spaceFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _spaceWaiters;
    private int _writerParked;

    /// <summary>
    /// Queues a frame without blocking, allocating or locking. Frames from one thread are written in the
    /// order they were queued. A sender that must not block treats <see cref="SendResult.Full"/> as
    /// "the peer is slow": drop, retry later, or fall back to <see cref="SendAsync"/>.
    /// </summary>
    public SendResult TrySend(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if ((uint)payload.Length > (uint)_options.MaxPayload)
        {
            return SendResult.TooLarge;
        }

        if (Volatile.Read(ref _closeReason) != 0)
        {
            return SendResult.Closed;
        }

        var frameLength = FrameHeader.Size + payload.Length;
        if (frameLength > _queue.MaxInlineFrame)
        {
            return TrySendLarge(header, payload);
        }

        if (!_queue.TryClaim(frameLength, out var offset, out var destination))
        {
            return SendResult.Full;
        }

        var span = destination.Span;
        header.WithLength(payload.Length).Write(span);
        payload.CopyTo(span[FrameHeader.Size..]);
        _queue.Publish(offset, frameLength);
        WakeWriter();
        return SendResult.Queued;
    }

    /// <summary>
    /// Queues a frame, waiting while the outbound queue is full: a slow peer slows its senders instead
    /// of growing memory. Completes synchronously (no allocation) when there is room.
    /// </summary>
    public ValueTask<SendResult> SendAsync(FrameHeader header, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        var result = TrySend(header, payload.Span);
        return result == SendResult.Full
            ? SendWhenSpaceAsync(header, payload, cancellationToken)
            : new ValueTask<SendResult>(result);
    }

    private SendResult TrySendLarge(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (!_queue.TryClaimLarge(FrameHeader.Size + payload.Length, out var claim))
        {
            return SendResult.Full;
        }

        var destination = claim.Frame.Span;
        header.WithLength(payload.Length).Write(destination);
        payload.CopyTo(destination[FrameHeader.Size..]);
        _queue.PublishLarge(claim);
        WakeWriter();
        return SendResult.Queued;
    }

    private async ValueTask<SendResult> SendWhenSpaceAsync(FrameHeader header, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _spaceWaiters);
        try
        {
            while (true)
            {
                // Read the signal before retrying: if the writer frees space after our retry failed, it
                // completes this very task, so the wake-up cannot be missed.
                var spaceFreed = Volatile.Read(ref _spaceFreed).Task;
                var result = TrySend(header, payload.Span);
                if (result != SendResult.Full)
                {
                    return result;
                }

                await spaceFreed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _spaceWaiters);
        }
    }

    private void WakeWriter()
    {
        if (Volatile.Read(ref _writerParked) != 0 && Interlocked.Exchange(ref _writerParked, 0) != 0)
        {
            _dataQueued.Set();
        }
    }

    private void ReleaseSpaceWaiters()
    {
        // Full fence: the head moved by Drain must be visible before we look for waiters (store-load).
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _spaceWaiters) != 0)
        {
            var freed = Interlocked.Exchange(ref _spaceFreed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            freed.TrySetResult();
        }
    }
}
