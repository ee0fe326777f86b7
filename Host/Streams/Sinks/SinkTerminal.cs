using System.Diagnostics;
using DistSys.Runtime;
using DistSys.Streams.Engine;

namespace DistSys.Streams.Sinks;

/// <summary>
/// A sink's end of the chain: writes each event, commits, then tells the runner the mark it has reached;
/// the runner acknowledges a source's offset once every sink has it. A slow writer is a slow instance,
/// which credits its senders slowly: the backpressure starts here.
/// <para>
/// Group commit: while batches keep coming, a commit covers several of them, up to <see cref="GroupEvents"/>
/// events, <see cref="GroupBytes"/> bytes or <see cref="GroupAge"/> since the first held; when no batch
/// comes for <see cref="IdleCommit"/> (the process's receive timeout) what is held is committed at once. So
/// a busy sink pays one commit (a SQLite transaction, an fsync) per group rather than per batch, and an idle
/// one adds about a millisecond. The mark of a held batch is reported only once it is committed, so a crash
/// before that replays it (at-least-once holds).
/// </para>
/// </summary>
internal sealed class SinkTerminal(SinkWriter writer, int sink, Pid runner) : Terminal
{
    public const int GroupEvents = 16_384;
    public const int GroupBytes = 4 << 20;
    public static readonly TimeSpan GroupAge = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan IdleCommit = TimeSpan.FromMilliseconds(1);

    private static readonly long s_groupTicks = (long)(GroupAge.TotalSeconds * Stopwatch.Frequency);

    private long _reported = -1;
    private long _mark = -1;
    private long _written;
    private long _bytes;
    private long _heldSince;
    private bool _holding;

    public override bool Ready => true;

    public override void Emit(ReadOnlySpan<byte> evt)
    {
        writer.Write(evt);
        _written++;
        _bytes += evt.Length;
    }

    public override void Flush(ProcessContext context, long mark, bool end)
    {
        _mark = Math.Max(_mark, mark);
        var now = Stopwatch.GetTimestamp();
        if (!end && _written < GroupEvents && _bytes < GroupBytes && (!_holding || now - _heldSince < s_groupTicks))
        {
            if (!_holding)
            {
                _holding = true;
                _heldSince = now;
                context.SetReceiveTimeout(IdleCommit);
            }

            return;
        }

        Commit(context, end);
    }

    /// <summary>No batch came for <see cref="IdleCommit"/>: commit what is held.</summary>
    public override void Idle(ProcessContext context)
    {
        if (_holding)
        {
            Commit(context, end: false);
        }
    }

    private void Commit(ProcessContext context, bool end)
    {
        writer.Commit();
        StreamsMetrics.CountOut(_written);
        _written = 0;
        _bytes = 0;
        if (_holding)
        {
            _holding = false;
            context.SetReceiveTimeout(null);
        }

        if (end)
        {
            writer.Close();
        }

        if (_mark > _reported || end)
        {
            _reported = Math.Max(_reported, _mark);
            context.Send(runner, new SinkMark(sink, _mark, end));
        }
    }
}
