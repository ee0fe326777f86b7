using System.Runtime.CompilerServices;
using DistSys.Runtime;
using DistSys.Streams.Events;
using DistSys.Streams.Operators;

namespace DistSys.Streams.Engine;

/// <summary>
/// One instance of a stage: its chained operators, its terminal, and its input buffer, bounded by the
/// credits it gave its senders (each batch it reads gives one back). It reads a batch only when its
/// terminal is ready, and passes on the lowest mark its inputs have reached; once every input has
/// ended it ends its outputs and stops. On a worker it reports its counters to its runner after each batch.
/// An operator that calls out (a plugin) is awaited within the batch; if the call fails the instance exits
/// with <see cref="StreamPluginException.ExitPrefix"/> and the runner replays from the acknowledged offsets.
/// </summary>
internal sealed class InstanceProcess : Behaviour
{
    private readonly Operator[] _chain;
    private readonly EventOutput[] _outputs;
    private readonly Terminal _terminal;
    private readonly NodeStats _stats;
    private readonly Pid _reportTo;
    private readonly Queue<StreamData> _queue = new();
    private EdgeSource[] _inputs = [];
    private long[] _marks = [];
    private bool[] _ended = [];
    private int _open;
    private bool _wired;
    private long _queuedEvents;
    private IDisposable? _backlog;

    public InstanceProcess(Operator[] chain, Terminal terminal, NodeStats stats, Pid reportTo)
    {
        _chain = chain;
        _reportTo = reportTo;
        _terminal = terminal;
        _stats = stats;
        _outputs = new EventOutput[chain.Length];
        EventOutput next = new CountingOutput(terminal, stats);
        for (var i = chain.Length - 1; i >= 0; i--)
        {
            _outputs[i] = next;
            next = new ChainOutput(chain[i], next);
        }

        Entry = next;
    }

    /// <summary>Where the chain starts: the first operator, or the terminal when there is none.</summary>
    private EventOutput Entry { get; }

    // Its buffered events count in distsys_stream_backlog_events while it lives (read by the collector's thread).
    protected override ValueTask InitAsync(ProcessContext context)
    {
        _backlog = StreamsMetrics.ObserveBacklog(() => Volatile.Read(ref _queuedEvents));
        return default;
    }

    protected override void Terminate(ProcessContext context, ExitReason reason) => _backlog?.Dispose();

    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        switch (message)
        {
            case Wire wire:
                _inputs = wire.Inputs;
                _marks = [.. wire.Inputs.Select(_ => -1L)];
                _ended = new bool[wire.Inputs.Length];
                _open = wire.Inputs.Length;
                _terminal.Wire(wire.Outputs);
                _wired = true;
                return PumpAsync(context);
            case StreamData data:
                _queue.Enqueue(data);
                Volatile.Write(ref _queuedEvents, _queuedEvents + (data.Batch?.Count ?? 0));
                return PumpAsync(context);
            case StreamCredit credit:
                _terminal.Credit(credit.Output);
                return PumpAsync(context);
            case ReceiveTimeout:
                _terminal.Idle(context);
                break;
        }

        return default;
    }

    // Pooled: it allocates only when a plugin's answer is awaited, and then reuses its box.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask PumpAsync(ProcessContext context)
    {
        while (_wired && _queue.Count > 0 && _terminal.Ready)
        {
            var data = _queue.Dequeue();
            if (data.Batch is { } batch)
            {
                Volatile.Write(ref _queuedEvents, _queuedEvents - batch.Count);
                _stats.AddIn(batch.Count);
                _terminal.NextBatch();
                Run(batch);
                try
                {
                    for (var i = 0; i < _chain.Length; i++)
                    {
                        var end = _chain[i].OnBatchEndAsync(_outputs[i]);
                        if (!end.IsCompletedSuccessfully)
                        {
                            await end.ConfigureAwait(false);
                        }
                    }
                }
                catch (StreamPluginException failed)
                {
                    // Counted by the runner from the exit reason (it crosses nodes as text); the batch is replayed.
                    StreamsMetrics.CountPluginFailure();
                    context.Stop(ExitReason.Custom(StreamPluginException.ExitPrefix + (failed.Message.Length > 512 ? failed.Message[..512] : failed.Message)));
                    return;
                }
                finally
                {
                    batch.Release();
                }
            }

            _marks[data.Input] = Math.Max(_marks[data.Input], data.Mark);
            if (data.End && !_ended[data.Input])
            {
                _ended[data.Input] = true;
                _open--;
            }

            var mark = _marks.Min();
            _terminal.Flush(context, mark, _open == 0);
            var source = _inputs[data.Input];
            context.Send(source.Process, new StreamCredit(source.Output));
            if (!_reportTo.IsNone)
            {
                context.Send(_reportTo, new InstanceReport(context.Self, _stats.EventsIn, _stats.EventsOut, _queue.Count, mark));
            }

            if (_open == 0)
            {
                context.Stop();
                return;
            }
        }

        _stats.SetBacklog(_queue.Count);
    }

    private void Run(EventBatch batch)
    {
        foreach (var evt in batch)
        {
            Entry.Emit(evt);
        }
    }
}
