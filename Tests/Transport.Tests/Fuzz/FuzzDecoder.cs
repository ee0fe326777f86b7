using System.Buffers;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Tests.Fuzz;

/// <summary>
/// What a connection does with inbound bytes: sniff the preamble (handshake streams), then parse every
/// complete frame and decode it by kind. Every decoded system message is re-encoded, which checks that
/// its declared size matches what it writes.
/// </summary>
internal sealed class FuzzDecoder
{
    private readonly ArrayBufferWriter<byte> _reencoded = new(1024);

    /// <summary>Frames decoded so far (to show the fuzzer reaches the message parsers).</summary>
    public long FramesDecoded { get; private set; }

    public void DecodeStream(ReadOnlySequence<byte> buffer, bool expectPreamble)
    {
        if (expectPreamble)
        {
            if (ConnectionPreamble.Match(buffer, out _) != PreambleMatch.Cluster)
            {
                return;
            }

            buffer = buffer.Slice(ConnectionPreamble.Size);
        }

        var maxFrames = (buffer.Length / FrameHeader.Size) + 1;
        for (var n = 0; Frame.TryRead(ref buffer, TransportLimits.DefaultMaxPayload, out var frame); n++)
        {
            if (n >= maxFrames)
            {
                throw new InvalidOperationException("frame parser is not making progress");
            }

            Decode(frame);
            FramesDecoded++;
        }
    }

    private void Decode(in Frame frame)
    {
        _reencoded.ResetWrittenCount();
        switch (frame.Header.Kind)
        {
            case FrameKind.Hello: RoundTrip<Hello>(frame); break;
            case FrameKind.Challenge: RoundTrip<Challenge>(frame); break;
            case FrameKind.ChallengeResponse: RoundTrip<ChallengeResponse>(frame); break;
            case FrameKind.HandshakeAck: RoundTrip<HandshakeAck>(frame); break;
            case FrameKind.HandshakeRefused: RoundTrip<HandshakeRefused>(frame); break;
            case FrameKind.Heartbeat: RoundTrip<Heartbeat>(frame); break;
            case FrameKind.Link: RoundTrip<WireLink>(frame); break;
            case FrameKind.Unlink: RoundTrip<WireUnlink>(frame); break;
            case FrameKind.Monitor: RoundTrip<MonitorRequest>(frame); break;
            case FrameKind.Demonitor: RoundTrip<DemonitorRequest>(frame); break;
            case FrameKind.Exit: RoundTrip<WireExit>(frame); break;
            case FrameKind.Down: RoundTrip<WireDown>(frame); break;
            case FrameKind.SpawnRequest: RoundTrip<SpawnRequest>(frame); break;
            case FrameKind.SpawnReply: RoundTrip<SpawnReply>(frame); break;
            case FrameKind.Membership: RoundTrip<MembershipUpdate>(frame); break;
            case FrameKind.NodeLeaving: RoundTrip<NodeLeaving>(frame); break;
            case FrameKind.Message: DecodeUser(frame); break;
            default: throw new InvalidOperationException($"FrameHeader.Read let kind {frame.Header.Kind} through");
        }
    }

    private void RoundTrip<T>(in Frame frame)
        where T : struct, IWireMessage<T>
    {
        var message = SystemMessage.Read<T>(frame, TransportLimits.Default);
        SystemMessage.Write(_reencoded, message);
    }

    private static void DecodeUser(in Frame frame)
    {
        var message = UserMessage.FromFrame(frame);
        if (message.Encoding == FrameFlags.MessagePack)
        {
            UserPayloadSerializer.Default.ReadMessage<object>(message);
        }
    }
}
