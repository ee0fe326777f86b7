using DistSys.Runtime;

namespace DistSys.Streams.Engine;

/// <summary>
/// When an instance fails, or its worker goes down (its link exits with noconnection): every instance is
/// ended and placed again, on the nodes still up, from the acknowledged offsets.
/// </summary>
internal sealed partial class TopologyRunner
{
    private async ValueTask RestartAsync(ProcessContext context, ExitMessage exit, NodeStats failed)
    {
        StreamsLog.InstanceFailed(options.Logger, stream.Id, failed.Node, failed.Instance, exit.Reason.ToString());
        if (exit.Reason.Detail?.StartsWith(StreamPluginException.ExitPrefix, StringComparison.Ordinal) == true)
        {
            stream.PluginFailures++;
        }

        foreach (var pid in _live.Keys)
        {
            context.Unlink(pid);
            context.Exit(pid, ExitReason.Kill);
        }

        _live.Clear();
        _samples.Clear();
        ReleasePlaces();
        if (++stream.Restarts > MaxRestarts)
        {
            Finish(context, StreamStatus.Failed, $"an instance failed {stream.Restarts} times; the last: {exit.Reason}");
            return;
        }

        foreach (var source in _sources)
        {
            var emitted = stream.ReadOf(source.Node, source.Acked);
            source.Replay(emitted);
        }

        Persist();
        await StartAsync(context);
        if (stream.Status == StreamStatus.Stopping)
        {
            Drain(context);
        }
    }
}
