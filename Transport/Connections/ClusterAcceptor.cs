using System.IO.Pipelines;
using DistSys.Transport.Connections.Internal;
using DistSys.Transport.Handshake;

namespace DistSys.Transport.Connections;

/// <summary>
/// Turns an inbound cluster transport into an authenticated, started <see cref="Connection"/>. Used by
/// <see cref="ClusterListener"/> for our own sockets, and by a host whose Kestrel owns the port and
/// hands cluster connections over as an <see cref="IDuplexPipe"/>.
/// </summary>
public sealed class ClusterAcceptor
{
    private readonly HandshakeOptions _handshake;
    private readonly ConnectionOptions _options;
    private readonly IFrameHandler _handler;

    /// <summary>Creates an acceptor for this node.</summary>
    public ClusterAcceptor(HandshakeOptions handshake, IFrameHandler handler, ConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handshake);
        ArgumentNullException.ThrowIfNull(handler);
        _handshake = handshake;
        _handler = handler;
        _options = options ?? new ConnectionOptions();
        _options.Validate();
    }

    /// <summary>Raised for every connection that passed the handshake, right after it started.</summary>
    public event Action<Connection>? Connected;

    /// <summary>The options every accepted connection uses.</summary>
    public ConnectionOptions Options => _options;

    /// <summary>
    /// Runs the accepting handshake on <paramref name="transport"/> (which must begin with the preamble)
    /// and, on success, starts a connection over it. On failure the transport is completed and the
    /// outcome returned; the caller owns nothing more.
    /// </summary>
    public async Task<(HandshakeResult Result, Connection? Connection)> AcceptAsync(IDuplexPipe transport, string? remote = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var result = await ClusterHandshake.AcceptAsync(transport, _handshake, _options.HandshakeTimeout, _options.Logger, remote, cancellationToken).ConfigureAwait(false);
        _options.Counters.OnHandshake(result.Outcome);
        if (!result.IsAccepted)
        {
            await transport.CloseAsync().ConfigureAwait(false);

            return (result, null);
        }

        var connection = new Connection(transport, _handler, _options, result.Peer);
        connection.Start();
        Connected?.Invoke(connection);
        return (result, connection);
    }
}
