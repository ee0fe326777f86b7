using System.Diagnostics;
using DistSys.Streams.Operators;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Sources;

/// <summary>
/// Synthetic events <c>{"seq":N,"key":"kK","amount":A,"pad":"..."}</c> of the configured size. Event N
/// depends only on the seed and N, so a replay from an offset emits the same events again. At most
/// <c>rate</c> events a second (0: as fast as credit allows), <c>count</c> in all (0: endless).
/// With <c>parallelism</c> P, instance i emits the events N with N mod P = i, at rate/P: together exactly
/// the events of one instance. Its offset is the next N it would emit, so every event below the lowest
/// offset of the P instances has been emitted: that lowest offset (what the marks carry downstream, as the
/// minimum over an instance's inputs) is acknowledged, and a restart from it replays each instance from its
/// first N at or above it.
/// </summary>
internal sealed class GeneratorSource : EventSource
{
    private readonly GeneratorSourceSpec _spec;
    private readonly int _step;
    private readonly long _start;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly byte[] _event;
    private bool _drained;

    public GeneratorSource(GeneratorSourceSpec spec, long acked, int instance = 0, int parallelism = 1)
        : base(FirstAtOrAfter(acked, instance, parallelism))
    {
        _spec = spec;
        _step = parallelism;
        _start = Offset;
        _event = new byte[spec.EventBytes + 128];
    }

    public override bool Exhausted => _drained || (_spec.Count > 0 && Offset >= _spec.Count);

    public override TimeSpan Idle => TimeSpan.FromMilliseconds(5);

    public override int Read(EventOutput output, int maxEvents)
    {
        var n = (long)maxEvents;
        if (_spec.Count > 0)
        {
            n = Math.Min(n, (_spec.Count - Offset + _step - 1) / _step);
        }

        if (_spec.Rate > 0)
        {
            var due = (long)(Stopwatch.GetElapsedTime(_started).TotalSeconds * _spec.Rate / _step) - ((Offset - _start) / _step);
            n = Math.Min(n, due);
        }

        if (_drained || n <= 0)
        {
            return 0;
        }

        for (var i = 0; i < n; i++)
        {
            output.Emit(GeneratedEvent.Write(_event, _spec, Offset));
            Offset += _step;
        }

        return (int)n;
    }

    public override void Drain() => _drained = true;

    /// <summary>The first event number at or after <paramref name="offset"/> that instance <paramref name="instance"/> of <paramref name="parallelism"/> emits.</summary>
    private static long FirstAtOrAfter(long offset, int instance, int parallelism)
    {
        var base0 = offset - (offset % parallelism);
        return base0 + instance >= offset ? base0 + instance : base0 + parallelism + instance;
    }
}
