using System.Net;
using System.Net.Sockets;
using DistSys.Transport.Connections;
using DistSys.Transport.Connections.Internal;

namespace DistSys.Transport.Tests.Connections.Support;

/// <summary>Connected TCP sockets over 127.0.0.1, raw or wrapped as socket duplex pipes.</summary>
internal static class SocketPair
{
    public static async Task<(Socket Client, Socket Server)> ConnectAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accepting = listener.AcceptAsync();
        await client.ConnectAsync(listener.LocalEndPoint!);
        return (client, await accepting);
    }

    public static async Task<(SocketDuplexPipe Client, SocketDuplexPipe Server)> PipesAsync(ConnectionOptions options)
    {
        var (client, server) = await ConnectAsync();
        return (new SocketDuplexPipe(client, options).Start(), new SocketDuplexPipe(server, options).Start());
    }
}
