using System.Buffers;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Tests.Fuzz;

/// <summary>
/// Valid seeds for the mutation fuzzer: one frame of every kind, and handshake streams (preamble followed
/// by handshake frames) as a connection would see them.
/// </summary>
internal static class FuzzCorpus
{
    public static (byte[][] Frames, byte[][] Handshakes) Build()
    {
        var nonce = Bytes32.Create(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var pid = new WirePid("worker-1@10.0.0.7", 1234, 1_700_000_000_000);
        var other = new WirePid("master", 1, 2);
        var hello = Frame(new Hello("worker-1", 77, 0x3, nonce));
        var challenge = Frame(new Challenge("master", 1, 0x3, nonce, nonce));
        var response = Frame(new ChallengeResponse(nonce));
        var ack = Frame(default(HandshakeAck));
        var refused = Frame(new HandshakeRefused(RefusalReason.Auth));

        byte[][] frames =
        [
            hello, challenge, response, ack, refused,
            Frame(default(Heartbeat)),
            Frame(new WireLink(pid, other)),
            Frame(new WireUnlink(other, pid)),
            Frame(new MonitorRequest(pid, other, 99)),
            Frame(new DemonitorRequest(pid, other, 100_000)),
            Frame(new WireExit(pid, other, WireExitReason.Killed)),
            Frame(new WireExit(pid, other, WireExitReason.Of("{badmatch, 42}"))),
            Frame(new WireDown(5, pid, WireExitReason.NoConnection)),
            Frame(new SpawnRequest(other, "word-count", SpawnFlags.Link, new ReadOnlySequence<byte>([0x92, 0x01, 0xA1, 0x78]))),
            Frame(SpawnReply.Success(pid)),
            Frame(SpawnReply.Failure("no such behaviour")),
            Frame(new MembershipUpdate(3,
            [
                new MemberInfo("master", "127.0.0.1", 8080, 1, MemberStatus.Up, MemberRole.Master),
                new MemberInfo("worker-1", "127.0.0.1", 8081, 2, MemberStatus.Joining, MemberRole.Worker),
            ])),
            Frame(new NodeLeaving("worker-1", 2, WireExitReason.Shutdown)),
            UserRaw(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()),
            UserMessagePack(new object[] { "job", 42, new Dictionary<string, int> { ["a"] = 1 }, new[] { 1.5, 2.5 } }),
            [.. Frame(new WireLink(pid, other)), .. Frame(default(Heartbeat)), .. UserRaw([1, 2, 3])],
        ];

        byte[][] handshakes =
        [
            [.. Preamble(), .. hello],
            [.. Preamble(), .. hello, .. response],
            [.. challenge, .. ack],
            [.. Preamble(), .. refused],
            [.. "GET /api/status HTTP/1.1\r\nHost: x\r\n\r\n"u8],
        ];
        return (frames, handshakes);
    }

    private static byte[] Preamble()
    {
        var bytes = new byte[ConnectionPreamble.Size];
        ConnectionPreamble.Write(bytes);
        return bytes;
    }

    private static byte[] Frame<T>(in T message)
        where T : struct, IWireMessage<T>
    {
        var output = new ArrayBufferWriter<byte>();
        SystemMessage.Write(output, message, 1, 2, 3);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] UserRaw(byte[] body)
    {
        var output = new ArrayBufferWriter<byte>();
        UserMessage.Write(output, 10, 20, 0, FrameFlags.Raw, body);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] UserMessagePack(object value)
    {
        var output = new ArrayBufferWriter<byte>();
        UserPayloadSerializer.Default.WriteMessage(output, 10, 20, 30, value);
        return output.WrittenSpan.ToArray();
    }
}
