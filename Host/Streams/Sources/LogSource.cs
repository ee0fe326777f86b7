using System.Buffers;
using DistSys.Streams.Operators;
using DistSys.Streams.Storage;

namespace DistSys.Streams.Sources;

/// <summary>An http source: reads its durable log from an offset; drained, it stops at the log's end at that moment.</summary>
internal sealed class LogSource(SourceLog log, long offset) : EventSource(offset)
{
    private const int ReadBytes = 256 << 10;

    private long _drainAt = long.MaxValue;

    public override bool Exhausted => Offset >= _drainAt;

    public override int Read(EventOutput output, int maxEvents)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBytes);
        try
        {
            var bytes = log.Read(Offset, buffer.AsSpan(0, ReadBytes));
            Offset += bytes;
            return Lines.EmitAll(buffer.AsSpan(0, bytes), output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void Drain() => _drainAt = Math.Max(Offset, log.End);

    public override void OnWake(Action wake) => log.OnAppended(wake);
}
