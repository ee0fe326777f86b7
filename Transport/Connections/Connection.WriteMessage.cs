using System.Buffers;
using DistSys.Transport.Connections.Internal;
using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Connections;

public sealed partial class Connection
{
    /// <summary>
    /// Queues a frame whose payload encodes itself (a system message): it is written straight into the
    /// outbound queue, with no intermediate buffer. Same ordering and backpressure as the span overload.
    /// </summary>
    public SendResult TrySend<TPayload>(in FrameHeader header, in TPayload payload)
        where TPayload : IFramePayload, allows ref struct
    {
        var length = payload.PayloadLength;
        if ((uint)length > (uint)_options.MaxPayload)
        {
            return SendResult.TooLarge;
        }

        if (Volatile.Read(ref _closeReason) != 0)
        {
            return SendResult.Closed;
        }

        var frameLength = FrameHeader.Size + length;
        if (frameLength > _queue.MaxInlineFrame)
        {
            return TrySendLargeMessage(header, payload, length);
        }

        if (!_queue.TryClaim(frameLength, out var offset, out var destination))
        {
            return SendResult.Full;
        }

        try
        {
            header.WithLength(length).Write(destination.Span);
            Encode(payload, destination[FrameHeader.Size..]);
        }
        catch
        {
            _queue.Abandon(offset, frameLength);
            throw;
        }

        _queue.Publish(offset, frameLength);
        WakeWriter();
        return SendResult.Queued;
    }

    // Rare (a message bigger than a quarter of the queue): encode into a rented array, then queue that.
    private SendResult TrySendLargeMessage<TPayload>(in FrameHeader header, in TPayload payload, int length)
        where TPayload : IFramePayload, allows ref struct
    {
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Encode(payload, rented.AsMemory(0, length));
            return TrySend(header, rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void Encode<TPayload>(in TPayload payload, Memory<byte> destination)
        where TPayload : IFramePayload, allows ref struct
    {
        var output = FixedBufferWriter.Over(destination);
        try
        {
            var writer = new WireWriter(output);
            payload.WritePayload(ref writer);
            writer.Flush();
            if (output.Written != destination.Length)
            {
                throw new InvalidOperationException($"The payload declared {destination.Length} bytes but wrote {output.Written}.");
            }
        }
        finally
        {
            output.Release();
        }
    }
}
