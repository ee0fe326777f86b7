using DistSys.Runtime.Distribution;
using DistSys.Transport.Connections;
using DistSys.Transport.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Http.Features;

namespace DistSys.Host.Hosting;

/// <summary>
/// Kestrel connection middleware that shares the node's one port (docs/protocol.md, "Port sharing"):
/// it peeks at the first bytes without consuming them; a connection that starts with the cluster
/// preamble is handed to <see cref="ClusterNode.AcceptAsync"/> as the duplex pipe it is and held
/// until it closes, and everything else goes on to HTTP untouched.
/// </summary>
/// With TLS, Kestrel's TLS middleware runs first and the split is made by ALPN instead: distsys/1 with a
/// client certificate (already checked against the CA) is a cluster link, anything else is HTTP.
/// A standby master (<paramref name="standby"/> true) closes every cluster link it is offered: a worker that
/// goes round its list of masters (docs/ha.md) thus joins only the leader.
internal sealed class ClusterConnectionMiddleware(ConnectionDelegate next, ClusterNode cluster, TimeSpan? sniffTimeout = null, bool tls = false, Func<bool>? standby = null)
{
    /// <summary>How long a new connection may stay silent before its first bytes decide what it is.</summary>
    public static readonly TimeSpan DefaultSniffTimeout = TimeSpan.FromSeconds(10);

    private readonly TimeSpan _sniffTimeout = sniffTimeout ?? DefaultSniffTimeout;

    public async Task InvokeAsync(ConnectionContext context)
    {
        if (tls)
        {
            await RouteByAlpnAsync(context).ConfigureAwait(false);
            return;
        }

        bool isCluster;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.ConnectionClosed))
        {
            deadline.CancelAfter(_sniffTimeout);
            try
            {
                isCluster = await IsClusterAsync(context, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Silent (or gone) before saying anything: a socket must not be held by a client that never speaks.
                context.Abort();
                return;
            }
        }

        if (!isCluster)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        await ServeClusterAsync(context).ConfigureAwait(false);
    }

    private async Task RouteByAlpnAsync(ConnectionContext context)
    {
        var protocol = context.Features.Get<ITlsApplicationProtocolFeature>()?.ApplicationProtocol ?? default;
        if (!protocol.Span.SequenceEqual(ClusterTls.ClusterProtocol.Protocol.Span))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        // A cluster link needs a client certificate; HTTP may go without (the API token authenticates it).
        if (context.Features.Get<ITlsConnectionFeature>()?.ClientCertificate is null)
        {
            context.Abort();
            return;
        }

        await ServeClusterAsync(context).ConfigureAwait(false);
    }

    private async Task ServeClusterAsync(ConnectionContext context)
    {
        if (standby?.Invoke() == true)
        {
            context.Abort();
            return;
        }

        // A refusal (wrong cookie, bad handshake) is logged by the cluster core, once.
        var (_, connection) = await cluster.AcceptAsync(context.Transport, context.RemoteEndPoint?.ToString(), context.ConnectionClosed).ConfigureAwait(false);
        if (connection is null)
        {
            return;
        }

        // Kestrel owns the socket for as long as this delegate runs: returning would close it.
        await connection.Closed.ConfigureAwait(false);
    }

    // The sniffer decides at the first byte that differs from the magic, so HTTP never waits here for more
    // than its first byte; the rest of a cluster client's handshake is bounded by the handshake's own timeout.
    private static async Task<bool> IsClusterAsync(ConnectionContext context, CancellationToken cancellationToken)
    {
        var input = context.Transport.Input;
        while (true)
        {
            var read = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var decision = ProtocolSniffer.Sniff(read.Buffer);
            if (decision == SniffResult.NeedMoreBytes && !read.IsCompleted)
            {
                input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                continue;
            }

            input.AdvanceTo(read.Buffer.Start);
            return decision == SniffResult.Cluster;
        }
    }
}
