using DistSys.Runtime;
using DistSys.Streams.Engine;

namespace DistSys.Streams.Sinks;

/// <summary>
/// A sink's end of the chain: writes each event, commits after each batch, then tells the runner the
/// mark it has reached; the runner acknowledges a source's offset once every sink has it. A slow
/// writer is a slow instance, which credits its senders slowly: the backpressure starts here.
/// </summary>
internal sealed class SinkTerminal(SinkWriter writer, int sink, Pid runner) : Terminal
{
    private long _reported = -1;
    private long _written;

    public override bool Ready => true;

    public override void Emit(ReadOnlySpan<byte> evt)
    {
        writer.Write(evt);
        _written++;
    }

    public override void Flush(ProcessContext context, long mark, bool end)
    {
        writer.Commit();
        StreamsMetrics.CountOut(_written);
        _written = 0;
        if (end)
        {
            writer.Close();
        }

        if (mark > _reported || end)
        {
            _reported = Math.Max(_reported, mark);
            context.Send(runner, new SinkMark(sink, mark, end));
        }
    }
}
