using System.Net;
using System.Net.Sockets;

namespace DistSys.Tests.Shared;

/// <summary>
/// A loopback port nobody is listening on right now, for a child process that must be told its port
/// on the command line. The OS hands out ephemeral ports in a cycle, so the one just released is not
/// handed to the next caller; a clash with another program remains possible, and shows as the node's
/// "port already in use" line rather than as a hang.
/// </summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
