using DistSys.Runtime;
using DistSys.Streams.Events;

namespace DistSys.Streams.Engine;

/// <summary>
/// One edge as its sender holds it: the far end, the credits left (batches the receiver has room
/// for), the batch being filled and the last mark sent.
/// </summary>
internal sealed class Channel(EdgeTarget target, int credits)
{
    public EdgeTarget Target { get; } = target;

    public int Credits { get; set; } = credits;

    public BatchBuilder Pending { get; } = new();

    public long SentMark { get; set; } = -1;

    /// <summary>Sends the pending events (or the mark alone, when it moved); false if there was nothing to send.</summary>
    public bool Flush(ProcessContext context, long mark, bool end)
    {
        if (Pending.Count == 0 && mark <= SentMark && !end)
        {
            return false;
        }

        var batch = Pending.Count == 0 ? null : Pending.Take();
        SentMark = Math.Max(SentMark, mark);
        Credits--;
        context.Send(Target.Process, new StreamData(Target.Input, batch, mark, end));

        // A remote send has copied the batch into its frame by now: the receiver reads its own pooled copy.
        if (batch is not null && Target.Process.Node != context.Self.Node)
        {
            batch.Release();
        }

        return true;
    }
}
