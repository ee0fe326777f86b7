using System.Buffers.Binary;
using System.Net.Sockets;

namespace DistSys.Plugins.Examples.Echo;

/// <summary>
/// The benchmarks' baseline: the same echo exchange over a Unix-domain socket instead of the rings.
/// Each message is a 4-byte little-endian length and its bytes; the answer is the same message.
/// Serves one connection, then exits.
/// </summary>
internal static class UnixSocketEcho
{
    private const int MaxMessage = 16 << 20;

    public static int Serve(string path)
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        using var connection = listener.Accept();
        var buffer = new byte[4 + MaxMessage];
        while (ReadExactly(connection, buffer.AsSpan(0, 4)))
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(buffer);
            if (length is < 0 or > MaxMessage || !ReadExactly(connection, buffer.AsSpan(4, length)))
            {
                return 1;
            }

            connection.Send(buffer.AsSpan(0, 4 + length));
        }

        return 0;
    }

    private static bool ReadExactly(Socket socket, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            var read = socket.Receive(destination);
            if (read == 0)
            {
                return false;
            }

            destination = destination[read..];
        }

        return true;
    }
}
