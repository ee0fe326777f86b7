using System.Net;
using System.Net.Sockets;

namespace DistSys.Transport.Tests.Handshake;

/// <summary>
/// A man in the middle on 127.0.0.1: forwards one connection to <c>target</c> byte for byte, except that
/// it XORs the byte at a chosen offset of one direction's stream, as a relay rewriting a field would.
/// </summary>
internal sealed class TamperingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly long _upstreamOffset;
    private readonly long _downstreamOffset;
    private readonly CancellationTokenSource _stop = new();
    private Task _relaying = Task.CompletedTask;

    /// <param name="target">Where the relay forwards to.</param>
    /// <param name="upstreamOffset">Offset in the dialler→target stream to flip, or -1.</param>
    /// <param name="downstreamOffset">Offset in the target→dialler stream to flip, or -1.</param>
    public TamperingRelay(IPEndPoint target, long upstreamOffset = -1, long downstreamOffset = -1)
    {
        _target = target;
        _upstreamOffset = upstreamOffset;
        _downstreamOffset = downstreamOffset;
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public TamperingRelay Start()
    {
        _listener.Start();
        _relaying = RelayOneAsync(_stop.Token);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _relaying;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Stopping a relay mid-copy is the expected way it ends.
        }

        _stop.Dispose();
    }

    private async Task RelayOneAsync(CancellationToken cancellationToken)
    {
        using var inbound = await _listener.AcceptSocketAsync(cancellationToken);
        using var outbound = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await outbound.ConnectAsync(_target, cancellationToken);
        await Task.WhenAny(
            PumpAsync(inbound, outbound, _upstreamOffset, cancellationToken),
            PumpAsync(outbound, inbound, _downstreamOffset, cancellationToken));
    }

    private static async Task PumpAsync(Socket from, Socket to, long flipAt, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        long position = 0;
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, cancellationToken);
                if (n == 0)
                {
                    break;
                }

                if (flipAt >= position && flipAt < position + n)
                {
                    buffer[flipAt - position] ^= 0x01;
                }

                position += n;
                await to.SendAsync(buffer.AsMemory(0, n), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            // One side went away: the relay closes both below.
        }

        to.Shutdown(SocketShutdown.Both);
    }
}
