using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace DistSys.Chaos.Tests.Netns;

/// <summary>
/// TCP sockets opened inside a named network namespace. A socket belongs for life to the namespace it was
/// created in, whichever thread uses it later; so one short-lived thread enters the namespace (setns, which
/// changes only the calling thread), creates the socket and ends. The test process itself never leaves its own.
/// </summary>
internal static partial class NetnsSocket
{
    private const int CloneNewNet = 0x40000000;

    public static Socket Create(string netns)
    {
        Socket? socket = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{netns}");
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new IOException($"setns into '{netns}' failed with errno {Marshal.GetLastPInvokeError()}");
                }

                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            }
            catch (Exception ex) when (ex is IOException or SocketException or UnauthorizedAccessException)
            {
                error = ex;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new IOException($"no socket in namespace '{netns}'", error);
    }

    /// <summary>An HTTP client whose every connection is a socket of <paramref name="netns"/>.</summary>
    public static HttpClient HttpClient(string netns) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancel) =>
        {
            var socket = Create(netns);
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancel).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = TimeSpan.FromSeconds(10) };

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);
}
