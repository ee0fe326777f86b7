namespace DistSys.Supervision.Internal;

/// <summary>
/// OTP's restart intensity: the timestamps of the restarts inside the last period, read from an
/// injected monotonic clock. It never holds more than intensity + 1 entries.
/// </summary>
internal sealed class RestartWindow
{
    private readonly Queue<long> _restarts = new();
    private readonly int _intensity;
    private readonly long _periodTicks;
    private readonly TimeProvider _clock;

    public RestartWindow(int intensity, TimeSpan period, TimeProvider clock)
    {
        _intensity = intensity;
        _clock = clock;
        _periodTicks = (long)Math.Min(period.TotalSeconds * clock.TimestampFrequency, long.MaxValue / 2.0);
    }

    public long Now => _clock.GetTimestamp();

    public long PeriodTicks => _periodTicks;

    /// <summary>Counts a restart now; false when that makes more than intensity restarts within the period.</summary>
    public bool TryRecord()
    {
        var now = _clock.GetTimestamp();
        while (_restarts.Count > 0 && now - _restarts.Peek() > _periodTicks)
        {
            _restarts.Dequeue();
        }

        _restarts.Enqueue(now);
        return _restarts.Count <= _intensity;
    }
}
