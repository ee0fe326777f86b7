using DistSys.Transport.Connections;
using DistSys.Transport.Framing;

namespace DistSys.Runtime.Distribution.Internal;

internal sealed partial class Peer
{
    private readonly Queue<(FrameHeader Header, byte[] Payload)> _backlog = new();
    private int _backlogCount;
    private long _backlogBytes;
    private bool _draining;

    /// <summary>Frames waiting for a connection or for room in its queue.</summary>
    public int BacklogCount => Volatile.Read(ref _backlogCount);

    // Once anything waits here, every later frame waits behind it (the fast path checks the count), so the
    // order of each sender's frames holds. Copying only happens in this slow path: before the connection
    // exists, or while a fast sender outruns the socket.
    private bool Backlog(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        lock (_backlog)
        {
            if (IsGone || _backlogBytes + payload.Length > backlogLimitBytes)
            {
                return false;
            }

            _backlogBytes += FrameHeader.Size + payload.Length;
            _backlog.Enqueue((header, payload.ToArray()));
            Volatile.Write(ref _backlogCount, _backlog.Count);
            StartDrainIfNeeded();
            return true;
        }
    }

    private void StartDrainIfNeeded()
    {
        if (!_draining && _backlog.Count > 0 && Volatile.Read(ref _connection) is { } connection)
        {
            _draining = true;
            _ = DrainAsync(connection);
        }
    }

    private async Task DrainAsync(Connection connection)
    {
        while (true)
        {
            (FrameHeader Header, byte[] Payload) next;
            lock (_backlog)
            {
                if (!_backlog.TryPeek(out next))
                {
                    _draining = false;
                    return;
                }
            }

            // Waits while the connection's queue is full: this is where a slow peer pushes back, off the senders' threads.
            var result = await connection.SendAsync(next.Header, next.Payload).ConfigureAwait(false);
            lock (_backlog)
            {
                if (result == SendResult.Closed || _backlog.Count == 0)
                {
                    // Closed: the node declares the peer down and clears the backlog.
                    _draining = false;
                    return;
                }

                if (result == SendResult.TooLarge)
                {
                    counters.OnDropped(); // bigger than a frame may be: dropped like any undeliverable message
                }

                _backlog.Dequeue();
                _backlogBytes -= FrameHeader.Size + next.Payload.Length;
                Volatile.Write(ref _backlogCount, _backlog.Count);
            }
        }
    }
}
