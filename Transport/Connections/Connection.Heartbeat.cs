using DistSys.Transport.Framing;

namespace DistSys.Transport.Connections;

public sealed partial class Connection
{
    private static readonly FrameHeader s_heartbeat = new(FrameKind.Heartbeat, FrameFlags.Raw, 0, 0, 0);

    private ITimer? _heartbeat;

    private void StartHeartbeat()
    {
        // Ticking at half the heartbeat interval bounds both the heartbeat lateness and the idle-timeout
        // overshoot to half an interval, at a cost of two timer callbacks per interval per connection.
        var period = _options.HeartbeatInterval / 2;
        _heartbeat = _options.TimeProvider.CreateTimer(static state => ((Connection)state!).OnHeartbeatTick(), this, period, period);
    }

    private void OnHeartbeatTick()
    {
        if (IsClosing)
        {
            return;
        }

        var clock = _options.TimeProvider;
        var silent = clock.GetElapsedTime(Volatile.Read(ref _lastReceived));
        if (silent >= _options.IdleTimeout)
        {
            TransportLog.IdleTimeout(_options.Logger, Peer?.Name, State, silent.TotalMilliseconds);
            Shutdown(CloseReason.Timeout);
            return;
        }

        if (clock.GetElapsedTime(Volatile.Read(ref _lastSent)) >= _options.HeartbeatInterval)
        {
            // Full means frames are queued anyway, and those tell the peer we are alive just as well.
            TrySend(s_heartbeat, default);
        }
    }
}
