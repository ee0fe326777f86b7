using DistSys.Transport.Framing;
using DistSys.Transport.SharedMemory;

namespace DistSys.Plugins.Sdk.Internal;

/// <summary>
/// The plugin's outbound ring, shared by the request loop and the heartbeat thread: the ring has one
/// producer, so the two take turns under a lock held only while a record is copied in.
/// </summary>
internal sealed class ResponseWriter(RingWriter writer)
{
    private static readonly TimeSpan SpaceWait = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();

    public int MaxPayload => writer.MaxPayload;

    /// <summary>Writes one frame, waiting while the node has not drained the ring; false once the node is gone.</summary>
    public bool Write(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            while (!writer.TryWrite(header, payload))
            {
                if (writer.WaitToWrite(payload.Length, SpaceWait) == RingWaitResult.PeerClosed)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Writes one frame only if it fits now (heartbeats: a full ring already proves we are alive).</summary>
    public bool TryWrite(in FrameHeader header)
    {
        lock (_gate)
        {
            return writer.TryWrite(header, []);
        }
    }
}
