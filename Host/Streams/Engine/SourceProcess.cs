using DistSys.Runtime;
using DistSys.Streams.Sources;

namespace DistSys.Streams.Engine;

/// <summary>
/// A source instance: reads a batch from its source whenever every output edge has credit, and marks
/// each batch with the source offset after it. Out of credit it waits for one; with nothing to read it
/// waits for a wake-up (an append) or its source's idle time. Exhausted, it ends its outputs and stops.
/// On a worker it reports its offset to its runner after each batch, so a replay after a failure is counted.
/// </summary>
internal sealed class SourceProcess(EventSource source, Router router, NodeStats stats, int batchEvents, ProcessRuntime runtime, Pid reportTo) : Behaviour
{
    private readonly CountingOutput _output = new(router, stats);
    private bool _waking;

    protected override ValueTask InitAsync(ProcessContext context)
    {
        var self = context.Self;
        source.OnWake(() => runtime.Send(self, Wake.Instance));
        stats.SetMark(source.Offset);
        return default;
    }

    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        switch (message)
        {
            case Wire wire:
                router.Wire(wire.Outputs);
                break;
            case StreamCredit credit:
                router.Credit(credit.Output);
                break;
            case Wake:
                _waking = false;
                break;
            case Drain:
                source.Drain();
                break;
        }

        Pump(context);
        return default;
    }

    protected override void Terminate(ProcessContext context, ExitReason reason) => source.OnWake(() => { });

    private void Pump(ProcessContext context)
    {
        while (router.Ready)
        {
            if (source.Exhausted)
            {
                router.Flush(context, source.Offset, end: true);
                context.Stop();
                return;
            }

            router.NextBatch();
            var read = source.Read(_output, batchEvents);
            if (read == 0)
            {
                if (!_waking)
                {
                    _waking = true;
                    context.SendAfter(Wake.Instance, source.Idle);
                }

                return;
            }

            stats.AddIn(read);
            StreamsMetrics.CountIn(read);
            stats.SetMark(source.Offset);
            router.Flush(context, source.Offset, end: false);
            if (!reportTo.IsNone)
            {
                context.Send(reportTo, new InstanceReport(context.Self, stats.EventsIn, stats.EventsOut, 0, source.Offset));
            }
        }
    }
}
