using DistSys.Runtime;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Engine;

/// <summary>
/// An instance's outputs: one <see cref="OutputGroup"/> per consumer node. Ready while every edge has
/// a credit, because a batch may emit to any of them: one full edge stops the instance, so its own
/// inputs stop being credited and the backpressure travels up to the source.
/// </summary>
internal sealed class Router(IReadOnlyList<(EdgeKind Edge, byte[]? Key)> consumers, int self, int credits) : Terminal
{
    private OutputGroup[] _groups = [];
    private Channel[] _channels = [];

    public override bool Ready
    {
        get
        {
            foreach (var channel in _channels)
            {
                if (channel.Credits <= 0)
                {
                    return false;
                }
            }

            return _channels.Length > 0;
        }
    }

    public override void Wire(EdgeTarget[][] outputs)
    {
        _groups = [.. outputs.Select((targets, i) => new OutputGroup(consumers[i].Edge, consumers[i].Key, [.. targets.Select(t => new Channel(t, credits))], self))];
        _channels = [.. _groups.SelectMany(g => g.Channels)];
    }

    public override void Emit(ReadOnlySpan<byte> evt)
    {
        foreach (var group in _groups)
        {
            group.Emit(evt);
        }
    }

    public override void NextBatch()
    {
        foreach (var group in _groups)
        {
            group.NextBatch();
        }
    }

    public override void Credit(int output) => _channels[output].Credits++;

    public override void Flush(ProcessContext context, long mark, bool end)
    {
        foreach (var channel in _channels)
        {
            channel.Flush(context, mark, end);
        }
    }
}
