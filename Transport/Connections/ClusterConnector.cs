using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using DistSys.Transport.Connections.Internal;
using DistSys.Transport.Handshake;

namespace DistSys.Transport.Connections;

/// <summary>
/// Opens outbound cluster connections: connect, handshake, start. Failures that may heal (refused
/// connect, reset, handshake timeout) are retried after <see cref="BackoffPolicy"/> delays until the
/// attempts run out or the token is cancelled; a refusal by the peer (cookie, version, name) will not
/// heal by retrying and ends the attempt at once.
/// </summary>
public sealed class ClusterConnector
{
    private readonly HandshakeOptions _handshake;
    private readonly ConnectionOptions _options;
    private readonly IFrameHandler _handler;
    private readonly BackoffPolicy _backoff;

    /// <summary>Creates a connector for this node.</summary>
    public ClusterConnector(HandshakeOptions handshake, IFrameHandler handler, ConnectionOptions? options = null, BackoffPolicy? backoff = null)
    {
        ArgumentNullException.ThrowIfNull(handshake);
        ArgumentNullException.ThrowIfNull(handler);
        _handshake = handshake;
        _handler = handler;
        _options = options ?? new ConnectionOptions();
        _options.Validate();
        _backoff = backoff ?? BackoffPolicy.Default;
    }

    /// <summary>Connection attempts before giving up (default: until cancelled).</summary>
    public int MaxAttempts { get; init; } = int.MaxValue;

    /// <summary>Connects to <paramref name="endPoint"/>, retrying with backoff; returns the outcome and, when accepted, the started connection.</summary>
    public async Task<(HandshakeResult Result, Connection? Connection)> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        for (var attempt = 0; ; attempt++)
        {
            var result = await TryOnceAsync(endPoint, cancellationToken).ConfigureAwait(false);
            if (result.Connection is not null || IsFinal(result.Result.Outcome) || attempt + 1 >= MaxAttempts)
            {
                return result;
            }

            var delay = _backoff.DelayFor(attempt);
            TransportLog.ConnectRetry(_options.Logger, endPoint, attempt + 1, delay.TotalMilliseconds, result.Result.Outcome);
            await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(HandshakeResult Result, Connection? Connection)> TryOnceAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            socket.Dispose();
            if (ex is SocketException)
            {
                return (HandshakeResult.Fail(HandshakeOutcome.PeerClosed), null);
            }

            throw;
        }

        var (pipe, tlsOutcome) = await OpenAsync(socket, endPoint, cancellationToken).ConfigureAwait(false);
        if (pipe is null)
        {
            _options.Counters.OnHandshake(tlsOutcome);
            return (HandshakeResult.Fail(tlsOutcome), null);
        }

        var result = await ClusterHandshake.ConnectAsync(pipe, _handshake, _options.HandshakeTimeout, _options.Logger, endPoint.ToString(), cancellationToken).ConfigureAwait(false);
        _options.Counters.OnHandshake(result.Outcome);
        if (!result.IsAccepted)
        {
            await pipe.CloseAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return (result, null);
        }

        var connection = new Connection(pipe, _handler, _options, result.Peer);
        connection.Start();
        return (result, connection);
    }

    // Plain TCP, or TLS with our certificate and ALPN distsys/1. A failed TLS handshake is an outcome:
    // RefusedTls (a server outside our CA, or one that refused our certificate) will not heal by retrying.
    private async Task<(IDuplexPipe? Pipe, HandshakeOutcome Outcome)> OpenAsync(Socket socket, EndPoint endPoint, CancellationToken cancellationToken)
    {
        if (_options.Tls is not { } tls)
        {
            return (new SocketDuplexPipe(socket, _options).Start(), HandshakeOutcome.Accepted);
        }

        socket.NoDelay = true;
        var tlsStream = new SslStream(new NetworkStream(socket, ownsSocket: true));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.HandshakeTimeout);
        try
        {
            await tlsStream.AuthenticateAsClientAsync(tls.ClientOptions(TargetHost(endPoint)), deadline.Token).ConfigureAwait(false);
            return (new StreamDuplexPipe(tlsStream, _options), HandshakeOutcome.Accepted);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
        {
            await tlsStream.DisposeAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            TransportLog.TlsFailed(_options.Logger, endPoint.ToString(), ex.Message);
            return (null, ex switch
            {
                AuthenticationException => HandshakeOutcome.RefusedTls,
                OperationCanceledException => HandshakeOutcome.Timeout,
                _ => HandshakeOutcome.PeerClosed,
            });
        }
    }

    private static string TargetHost(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => dns.Host,
        IPEndPoint ip => ip.Address.ToString(),
        _ => "localhost",
    };

    private static bool IsFinal(HandshakeOutcome outcome) =>
        outcome is HandshakeOutcome.RefusedAuth or HandshakeOutcome.RefusedVersion or HandshakeOutcome.RefusedName or HandshakeOutcome.ProtocolError or HandshakeOutcome.RefusedTls;
}
