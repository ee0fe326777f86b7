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

    /// <summary>Sends a request and completes with the response body.</summary>
    /// <exception cref="PluginException">Too large, the operation failed, or the instance died first.</exception>
    public Task<byte[]> InvokeAsync(ulong target, ReadOnlyMemory<byte> payload, FrameFlags flags)
    {
        CheckSize(payload.Length);
        var id = (ulong)Interlocked.Increment(ref _nextId);
        var call = new PendingCall(Stopwatch.GetTimestamp() + (long)(_spec.Limits.RequestTimeout.TotalSeconds * Stopwatch.Frequency), target != PluginProtocol.HealthTarget);
        _pending[id] = call;

        // Fail sets the reason before it sweeps the table: a call added after the sweep sees the reason here.
        if (Failure is not null || !Write(PluginProtocol.Request(target, id, flags), payload.Span))
        {
            if (_pending.TryRemove(id, out _))
            {
                Stats.Completed(call, failed: true);
                call.TrySetException(Died());
            }
        }

        return call.Task;
    }

    /// <summary>Sends a one-way request (no response); false if the instance is gone.</summary>
    public bool Post(ulong target, ReadOnlySpan<byte> payload)
    {
        CheckSize(payload.Length);
        return Write(PluginProtocol.Request(target, 0, FrameFlags.Raw), payload);
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
