using System.Net;
using System.Net.Sockets;
using DistSys.Memory;
using DistSys.Transport.Connections;
using DistSys.Transport.Connections.Internal;
using DistSys.Transport.Framing;

namespace DistSys.Bench.Transport;

/// <summary>
/// Two endpoints in this process joined by a real TCP connection over 127.0.0.1: the kernel's loopback
/// path, socket buffers and syscalls are all real; only the process boundary is missing.
/// </summary>
internal static class LoopbackEndpoints
{
    public static readonly FrameHeader Header = new(FrameKind.Message, FrameFlags.Raw, 1, 2, 0);

    public static ConnectionOptions Options { get; } = new() { Pool = new BlockMemoryPool(), IdleTimeout = TimeSpan.FromMinutes(10), HeartbeatInterval = TimeSpan.FromMinutes(1) };

    public static (Socket Client, Socket Server) ConnectSockets()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(listener.LocalEndPoint!);
        var server = listener.Accept();
        server.NoDelay = true;
        return (client, server);
    }

    public static (Connection Client, Connection Server) ConnectPair(IFrameHandler clientHandler, IFrameHandler serverHandler)
    {
        var (client, server) = ConnectSockets();
        var a = new Connection(new SocketDuplexPipe(client, Options).Start(), clientHandler, Options);
        var b = new Connection(new SocketDuplexPipe(server, Options).Start(), serverHandler, Options);
        a.Start();
        b.Start();
        return (a, b);
    }

    /// <summary>Queues a frame, spinning while the outbound queue is full (the peer applies backpressure).</summary>
    public static void Send(Connection connection, in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var spinner = default(SpinWait);
        while (connection.TrySend(header, payload) == SendResult.Full)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    public static byte[] Frame(int payloadSize)
    {
        var frame = new byte[FrameHeader.Size + payloadSize];
        Header.WithLength(payloadSize).Write(frame);
        return frame;
    }
}
