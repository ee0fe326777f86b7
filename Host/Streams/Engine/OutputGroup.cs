using DistSys.Streams.Events;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Engine;

/// <summary>The edges from one instance to the instances of one consumer node, and how events are spread over them.</summary>
internal sealed class OutputGroup(EdgeKind edge, byte[]? key, Channel[] channels, int self)
{
    private readonly int _self = self;
    private int _next = self;

    public Channel[] Channels { get; } = channels;

    /// <summary>Round robin moves on once per input batch, so a batch stays one batch.</summary>
    public void NextBatch() => _next = (_next + 1) % Channels.Length;

    public void Emit(ReadOnlySpan<byte> evt)
    {
        switch (edge)
        {
            case EdgeKind.Broadcast:
                foreach (var channel in Channels)
                {
                    channel.Pending.Append(evt);
                }

                break;
            case EdgeKind.Key:
                var raw = JsonFields.TryGet(evt, key, out var value, out _) ? value : default;
                Channels[KeyHash.Instance(raw, Channels.Length)].Pending.Append(evt);
                break;
            case EdgeKind.Forward:
                Channels[_self % Channels.Length].Pending.Append(evt);
                break;
            default:
                Channels[_next].Pending.Append(evt);
                break;
        }
    }
}
