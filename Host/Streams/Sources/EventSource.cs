using DistSys.Streams.Operators;

namespace DistSys.Streams.Sources;

/// <summary>
/// Where a source process reads its events: replayable by offset (it starts at the offset every sink
/// has acknowledged), read in batches the process asks for when it has credit.
/// </summary>
internal abstract class EventSource
{
    protected EventSource(long offset) => Offset = offset;

    /// <summary>The offset after the last event read: the mark of the batch just read.</summary>
    public long Offset { get; protected set; }

    /// <summary>Nothing more will come: a finite source's end, or a drained one's.</summary>
    public abstract bool Exhausted { get; }

    /// <summary>Emits up to about <paramref name="maxEvents"/> events; 0 when none are there now.</summary>
    public abstract int Read(EventOutput output, int maxEvents);

    /// <summary>How long to wait before reading again after a read of 0 (an http source is also woken by each append).</summary>
    public virtual TimeSpan Idle => TimeSpan.FromMilliseconds(50);

    /// <summary>Stop taking new events: what is there now is read, then the source is exhausted.</summary>
    public abstract void Drain();

    /// <summary>Called by the source's process with a way to wake it, before its first read.</summary>
    public virtual void OnWake(Action wake)
    {
    }
}
