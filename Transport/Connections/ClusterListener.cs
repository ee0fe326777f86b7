using System.Net;
using System.Net.Sockets;

namespace DistSys.Transport.Connections;

/// <summary>
/// The node's one listening port when Transport owns the socket: every accepted connection is sniffed;
/// the cluster preamble goes to the <see cref="ClusterAcceptor"/>, anything else to the foreign handler
/// (HTTP) with its first bytes intact, or is closed when there is none. The sniff shares the
/// handshake timeout, so a silent connection cannot hold a socket open.
/// </summary>
public sealed partial class ClusterListener : IAsyncDisposable
{
    private readonly ClusterAcceptor _acceptor;
    private readonly IForeignConnectionHandler? _foreign;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stopping = new();
    private Task _accepting = Task.CompletedTask;

    /// <summary>Creates a listener; nothing is bound until <see cref="Start"/>.</summary>
    public ClusterListener(IPEndPoint endPoint, ClusterAcceptor acceptor, IForeignConnectionHandler? foreign = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(acceptor);
        _acceptor = acceptor;
        _foreign = foreign;
        _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        EndPoint = endPoint;
    }

    /// <summary>The bound address (with the real port once started on port 0).</summary>
    public IPEndPoint EndPoint { get; private set; }

    /// <summary>Binds, listens and starts accepting.</summary>
    public ClusterListener Start()
    {
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(EndPoint);
        _socket.Listen(512);
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _accepting = AcceptLoopAsync();
        return this;
    }

    /// <summary>Stops accepting; connections already handed over belong to their owners.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _accepting.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(accepted);
        }
    }
}
