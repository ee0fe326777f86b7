using DistSys.Runtime;

namespace DistSys.Streams.Engine;

/// <summary>Marks into acknowledged offsets, the end of the topology, and storing progress.</summary>
internal sealed partial class TopologyRunner
{
    private void OnSinkMark(ProcessContext context, SinkMark mark)
    {
        _sinkMarks[mark.Sink] = Math.Max(_sinkMarks[mark.Sink], mark.Mark);
        _sinkEnded[mark.Sink] |= mark.End;
        for (var s = 0; s < _sources.Length; s++)
        {
            var lowest = long.MaxValue;
            for (var k = 0; k < _sinkMarks.Length; k++)
            {
                if (_sinkSource[k] == s)
                {
                    lowest = Math.Min(lowest, _sinkMarks[k]);
                }
            }

            if (lowest is not long.MaxValue and >= 0)
            {
                _sources[s].Ack(lowest);
            }
        }

        if (Array.TrueForAll(_sinkEnded, e => e))
        {
            Finish(context, stream.Status == StreamStatus.Stopping ? StreamStatus.Stopped : StreamStatus.Completed, null);
        }
    }

    private void Finish(ProcessContext context, StreamStatus status, string? error)
    {
        Persist();
        stream.Status = status;
        stream.Error = error;
        stream.StoppedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        store.SetStatus(stream.Id, status, stream.StoppedAt, error);
        StreamsLog.Ended(options.Logger, stream.Id, status.Name(), error is null ? "" : $": {error}");
        foreach (var call in _stopCalls)
        {
            call.Reply(stream);
        }

        foreach (var pid in _live.Keys)
        {
            context.Exit(pid, ExitReason.Kill);
        }

        ReleasePlaces();
        context.Stop();
    }

    private void Persist()
    {
        var dirty = _sources.Count(s => s.Dirty);
        if (dirty == 0)
        {
            return;
        }

        using var checkpoint = StreamsTracing.StartCheckpoint(stream.Id, dirty);
        foreach (var source in _sources.Where(s => s.Dirty))
        {
            var emitted = stream.ReadOf(source.Node, source.Acked);
            store.SaveSource(stream.Id, source.Node, new Storage.SourceProgress(source.Acked, Math.Max(emitted, source.EmittedBefore), source.Replayed));
            source.Log?.Ack(source.Acked);
            source.Dirty = false;
        }
    }

    private void SampleRates()
    {
        var now = Environment.TickCount64;
        foreach (var node in stream.Instances)
        {
            if (_samples.TryGetValue(node, out var last) && now - last.At >= 1000)
            {
                node.Rate = (node.EventsIn - last.Events) * 1000.0 / (now - last.At);
                _samples[node] = (node.EventsIn, now);
            }
            else if (!_samples.ContainsKey(node))
            {
                _samples[node] = (node.EventsIn, now);
            }
        }
    }
}
