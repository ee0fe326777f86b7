using DistSys.Streams.Storage;

namespace DistSys.Streams.Engine;

/// <summary>
/// A source node's progress, kept by its runner and read by status: the offset every sink has
/// acknowledged, the events replayed after failures, and its log (http sources).
/// </summary>
internal sealed class SourceState(string node, SourceLog? log, SourceProgress stored)
{
    private long _acked = stored.Acked;
    private long _replayed = stored.Replayed;

    public string Node { get; } = node;

    public SourceLog? Log { get; } = log;

    /// <summary>The highest offset read before the last restart; what lies between it and the acked offset is replayed.</summary>
    public long EmittedBefore { get; set; } = stored.Emitted;

    public long Acked => Volatile.Read(ref _acked);

    public long Replayed => Volatile.Read(ref _replayed);

    /// <summary>Set when the acked offset moved and is not yet stored.</summary>
    public bool Dirty { get; set; }

    public void Ack(long offset)
    {
        if (offset > _acked)
        {
            Volatile.Write(ref _acked, offset);
            Dirty = true;
        }
    }

    /// <summary>A restart: the events read but not acknowledged will be read again.</summary>
    public void Replay(long emitted)
    {
        EmittedBefore = Math.Max(EmittedBefore, emitted);
        Volatile.Write(ref _replayed, _replayed + Math.Max(0, EmittedBefore - _acked));
        Dirty = true;
    }
}
