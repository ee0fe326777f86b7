using System.Buffers;
using System.Diagnostics;
using DistSys.Plugins.Sdk.Protocol;
using DistSys.Transport.Framing;
using DistSys.Transport.SharedMemory;

namespace DistSys.Plugins.Ipc;

/// <summary>
/// Sending: many caller threads, one ring producer. Callers take turns under a lock held only while a
/// record is copied into the ring (or while the ring is full); the ring itself stays lock-free.
/// </summary>
internal sealed partial class PluginConnection
{
    private static readonly TimeSpan SpaceWait = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Sends a request; the response body is written into <paramref name="response"/> (null discards it)
    /// before the returned task completes. Await it exactly once: that returns its slot for reuse.
    /// </summary>
    /// <exception cref="PluginException">Too large, the operation failed, or the instance died first.</exception>
    public ValueTask InvokeAsync(ulong target, ReadOnlyMemory<byte> payload, FrameFlags flags, IBufferWriter<byte>? response)
    {
        CheckSize(payload.Length);
        var call = _pending.Rent(out var id);
        var completion = call.Begin(id, Stopwatch.GetTimestamp() + _requestTimeoutTicks, target != PluginProtocol.HealthTarget, response);
        Send(call, id, target, payload, flags);
        return completion;
    }

    /// <summary>The manager's request: the slot finishes the call (leaves the deployment, retries, answers the version).</summary>
    public ValueTask<string> InvokeAsync(ulong target, ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, in CallRoute route)
    {
        CheckSize(payload.Length);
        var call = _pending.Rent(out var id);
        var completion = call.Begin(id, Stopwatch.GetTimestamp() + _requestTimeoutTicks, response, route, payload);
        Send(call, id, target, payload, route.Flags);
        return completion;
    }

    /// <summary>Sends a one-way request (no response); false if the instance is gone.</summary>
    public bool Post(ulong target, ReadOnlySpan<byte> payload)
    {
        CheckSize(payload.Length);
        return Write(PluginProtocol.Request(target, 0, FrameFlags.Raw), payload);
    }

    private void Send(PendingCall call, ulong id, ulong target, ReadOnlyMemory<byte> payload, FrameFlags flags)
    {
        // Fail sets the reason before it sweeps the table: a call armed after the sweep sees the reason here.
        if ((Failure is not null || !Write(PluginProtocol.Request(target, id, flags), payload.Span)) && call.TryClaim(id))
        {
            Stats.Completed(call, failed: true);
            call.Fail(Died(), inline: true);
        }
    }

    private bool Write(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var writer = _channel.Writer;
        lock (_writeGate)
        {
            while (!_channelClosed && Failure is null)
            {
                if (writer.TryWrite(header, payload))
                {
                    return true;
                }

                if (writer.WaitToWrite(payload.Length, SpaceWait) == RingWaitResult.PeerClosed)
                {
                    return false;
                }
            }

            return false;
        }
    }

    private void CheckSize(int length)
    {
        if (length > _channel.Writer.MaxPayload)
        {
            throw new PluginException(PluginError.PayloadTooLarge, $"a payload of {length} bytes does not fit {this}'s ring: at most {_channel.Writer.MaxPayload} bytes (raise RingCapacity)");
        }
    }

    private PluginException Died() => new(PluginError.InstanceDied, $"{this} {Failure ?? "stopped"}");
}
