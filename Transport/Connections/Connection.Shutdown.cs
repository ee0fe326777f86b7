using DistSys.Transport.Connections.Internal;

namespace DistSys.Transport.Connections;

public sealed partial class Connection
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Closes the connection. Idempotent: the first call records its reason and the state it found;
    /// later calls do nothing. <see cref="CloseReason.Local"/> still writes what was queued; any other
    /// reason abandons it. Completion is reported by <see cref="Closed"/>.
    /// </summary>
    public void Shutdown(CloseReason reason)
    {
        if (reason == CloseReason.None)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), "A connection closes for a reason.");
        }

        if (Interlocked.CompareExchange(ref _closeReason, (int)reason, (int)CloseReason.None) != (int)CloseReason.None)
        {
            return;
        }

        _closedWhile = (ConnectionState)Interlocked.Exchange(ref _state, (int)ConnectionState.Closing);
        TransportLog.ConnectionClosing(_options.Logger, Peer?.Name, reason, _closedWhile);
        _options.Counters.OnClosed(reason);
        _heartbeat?.Dispose();
        _transport.Input.CancelPendingRead();
        if (reason != CloseReason.Local)
        {
            _transport.Output.CancelPendingFlush();
        }

        _dataQueued.Set();
        Interlocked.Exchange(ref _spaceFreed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        _ = CompleteAsync(reason, _closedWhile == ConnectionState.Created);
    }

    private async Task CompleteAsync(CloseReason reason, bool neverStarted)
    {
        if (!neverStarted)
        {
            // Start publishes the loop tasks before this gate opens, so we never complete a pipe that
            // a loop is still using.
            await _started.Task.ConfigureAwait(false);
            await Task.WhenAll(_reading, _writing).ConfigureAwait(false);
        }

        await _transport.CloseAsync().ConfigureAwait(false);

        Volatile.Write(ref _state, (int)ConnectionState.Closed);
        try
        {
            _handler.OnClosed(this, reason);
        }
        catch (Exception ex)
        {
            TransportLog.HandlerFailed(_options.Logger, Peer?.Name, ex);
        }

        _closed.TrySetResult();
    }
}
