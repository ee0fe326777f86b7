using DistSys.Streams.Events;
using DistSys.Streams.Storage;

namespace DistSys.Streams.Sinks;

/// <summary>collect: each batch committed to the master's store, which keeps the newest <c>retention</c> events of the sink.</summary>
internal sealed class CollectWriter(StreamStore store, string jobId, string node, long retention) : SinkWriter
{
    private readonly BatchBuilder _pending = new();

    public override void Write(ReadOnlySpan<byte> evt) => _pending.Append(evt);

    public override void Commit()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var batch = _pending.Take();
        try
        {
            store.AppendCollected(jobId, node, batch, retention);
        }
        finally
        {
            batch.Release();
        }
    }
}
