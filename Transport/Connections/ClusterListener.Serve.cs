using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using DistSys.Transport.Connections.Internal;
using DistSys.Transport.Handshake;
using DistSys.Transport.Security;

namespace DistSys.Transport.Connections;

public sealed partial class ClusterListener
{
    private async Task ServeAsync(Socket socket)
    {
        if (_acceptor.Options.Tls is { } tls)
        {
            await ServeTlsAsync(socket, tls).ConfigureAwait(false);
            return;
        }

        var remote = socket.RemoteEndPoint;
        var pipe = new SocketDuplexPipe(socket, _acceptor.Options).Start();
        try
        {
            var kind = await SniffAsync(pipe.Input).ConfigureAwait(false);
            if (kind == SniffResult.Cluster)
            {
                // The acceptor owns the pipe from here, whether the handshake succeeds or not.
                await _acceptor.AcceptAsync(pipe, remote?.ToString(), _stopping.Token).ConfigureAwait(false);
                return;
            }

            if (kind == SniffResult.Other && _foreign is not null)
            {
                await _foreign.HandleAsync(pipe, remote, _stopping.Token).ConfigureAwait(false);
            }
            else
            {
                TransportLog.ForeignRejected(_acceptor.Options.Logger, remote);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException)
        {
            // Sniff timed out or the listener is stopping: the socket is simply closed below.
        }
        catch (Exception ex)
        {
            TransportLog.AcceptFailed(_acceptor.Options.Logger, remote, ex);
        }

        await pipe.CloseAsync().ConfigureAwait(false);
    }

    // With TLS the port speaks nothing in the clear: the TLS handshake (under the handshake timeout) comes
    // first, and only ALPN distsys/1 with a client certificate from our CA goes on to the cookie handshake.
    private async Task ServeTlsAsync(Socket socket, ClusterTls tls)
    {
        var remote = socket.RemoteEndPoint;
        socket.NoDelay = true;
        var tlsStream = new SslStream(new NetworkStream(socket, ownsSocket: true));
        try
        {
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
            {
                deadline.CancelAfter(_acceptor.Options.HandshakeTimeout);
                await tlsStream.AuthenticateAsServerAsync(tls.ServerOptions([ClusterTls.ClusterProtocol]), deadline.Token).ConfigureAwait(false);
            }

            if (ClusterTls.IsClusterPeer(tlsStream.NegotiatedApplicationProtocol, tlsStream.RemoteCertificate))
            {
                await _acceptor.AcceptAsync(new StreamDuplexPipe(tlsStream, _acceptor.Options), remote?.ToString(), _stopping.Token).ConfigureAwait(false);
                return;
            }

            TransportLog.TlsNotCluster(_acceptor.Options.Logger, remote?.ToString(), tlsStream.NegotiatedApplicationProtocol.ToString(), tlsStream.RemoteCertificate is not null);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
        {
            _acceptor.Options.Counters.OnHandshake(ex is AuthenticationException ? HandshakeOutcome.RefusedTls : HandshakeOutcome.PeerClosed);
            TransportLog.TlsFailed(_acceptor.Options.Logger, remote?.ToString(), ex.Message);
        }

        await tlsStream.DisposeAsync().ConfigureAwait(false);
    }

    // Looks at the first bytes without consuming them, so they stay in the pipe for whoever takes the
    // connection next; waits for more (examined = end) only while the prefix is still ambiguous.
    private async Task<SniffResult> SniffAsync(PipeReader input)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        deadline.CancelAfter(_acceptor.Options.HandshakeTimeout);
        while (true)
        {
            var result = await input.ReadAsync(deadline.Token).ConfigureAwait(false);
            var decision = ProtocolSniffer.Sniff(result.Buffer);
            if (decision != SniffResult.NeedMoreBytes)
            {
                // Examined nothing either: the next reader must see these bytes at once, not wait for more.
                input.AdvanceTo(result.Buffer.Start);
                return decision;
            }

            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);

            if (result.IsCompleted || result.IsCanceled)
            {
                return SniffResult.NeedMoreBytes;
            }
        }
    }
}
