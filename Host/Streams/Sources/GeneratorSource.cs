using System.Diagnostics;
using DistSys.Streams.Operators;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Sources;

/// <summary>
/// Synthetic events <c>{"seq":N,"key":"kK","amount":A,"pad":"..."}</c> of the configured size. Event N
/// depends only on the seed and N, so a replay from an offset emits the same events again. At most
/// <c>rate</c> events a second (0: as fast as credit allows), <c>count</c> in all (0: endless).
/// </summary>
internal sealed class GeneratorSource(GeneratorSourceSpec spec, long offset) : EventSource(offset)
{
    private readonly long _start = offset;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly byte[] _event = new byte[spec.EventBytes + 128];
    private bool _drained;

    public override bool Exhausted => _drained || (spec.Count > 0 && Offset >= spec.Count);

    public override TimeSpan Idle => TimeSpan.FromMilliseconds(5);

    public override int Read(EventOutput output, int maxEvents)
    {
        var n = (long)maxEvents;
        if (spec.Count > 0)
        {
            n = Math.Min(n, spec.Count - Offset);
        }

        if (spec.Rate > 0)
        {
            var due = (long)(Stopwatch.GetElapsedTime(_started).TotalSeconds * spec.Rate) - (Offset - _start);
            n = Math.Min(n, due);
        }

        if (_drained || n <= 0)
        {
            return 0;
        }

        for (var i = 0; i < n; i++)
        {
            output.Emit(GeneratedEvent.Write(_event, spec, Offset++));
        }

        return (int)n;
    }

    public override void Drain() => _drained = true;
}
