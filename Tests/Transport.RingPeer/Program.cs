using DistSys.Transport.Framing;
using DistSys.Transport.SharedMemory;

namespace DistSys.Transport.RingPeer;

/// <summary>
/// Usage: <c>dotnet DistSys.Transport.RingPeer.dll CHANNEL_PATH COUNT</c>. Opens the channel, announces
/// itself with a Heartbeat frame, echoes COUNT Message frames (checking their order and content), then
/// sends a NodeLeaving frame whose correlation is the checksum of everything it received. Exit code 0
/// on success; 1 with the reason on stderr otherwise.
/// </summary>
internal static class Program
{
    private static readonly TimeSpan Liveness = TimeSpan.FromSeconds(60);

    private static int Main(string[] args)
    {
        try
        {
            using var channel = SharedMemoryChannel.Open(args[0]);
            var count = ulong.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
            Send(channel.Writer, new FrameHeader(FrameKind.Heartbeat, FrameFlags.Raw, 0, 0, 0), []);
            var checksum = Echo(channel, count);
            Send(channel.Writer, new FrameHeader(FrameKind.NodeLeaving, FrameFlags.Raw, 0, 0, checksum), []);
            return 0;
        }
#pragma warning disable CA1031 // Any failure is reported to the test through stderr and the exit code.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"ring peer failed: {error}");
            return 1;
        }
    }

    private static ulong Echo(SharedMemoryChannel channel, ulong count)
    {
        Span<byte> expected = stackalloc byte[64];
        var checksum = RingChecksum.Seed;
        for (ulong sequence = 0; sequence < count; sequence++)
        {
            Frame frame;
            while (!channel.Reader.TryRead(out frame))
            {
                Expect(channel.Reader.WaitToRead(Liveness), "a request");
            }

            var payload = frame.Payload.FirstSpan;
            var want = expected[..RingChecksum.PayloadLength(sequence)];
            RingChecksum.Fill(want, sequence);
            if (frame.Header.Correlation != sequence || !payload.SequenceEqual(want))
            {
                throw new InvalidDataException($"request {sequence} arrived as {frame.Header} with wrong content");
            }

            checksum = RingChecksum.Add(checksum, sequence, payload);
            Send(channel.Writer, frame.Header, payload);
            channel.Reader.Advance();
        }

        return checksum;
    }

    private static void Send(RingWriter writer, in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        while (!writer.TryWrite(header, payload))
        {
            Expect(writer.WaitToWrite(payload.Length, Liveness), "space for a response");
        }
    }

    private static void Expect(RingWaitResult result, string what)
    {
        if (result != RingWaitResult.Ready)
        {
            throw new TimeoutException($"waiting for {what}: {result}");
        }
    }
}
