using System.IO.Pipelines;
using DistSys.Transport.Framing;
using Microsoft.Extensions.Logging;

namespace DistSys.Transport.Handshake;

/// <summary>
/// The connection handshake, both roles, over a raw <see cref="IDuplexPipe"/>:
/// <code>
/// client                                         server
///   P_c = preamble "DSYS" v · Hello{name, inc, caps, Nc}  ──►
///                                                ◄──  P_s = preamble v · Challenge{name, inc, caps, Ns, proof_s}
///   ChallengeResponse{proof_c}                    ──►     (or HandshakeRefused{Version|Name|Busy})
///                                                ◄──  HandshakeAck  |  HandshakeRefused{Auth}
/// T       = P_c ‖ P_s less its last 32 bytes (proof_s)     -- the bytes as they crossed the wire
/// proof_s = HMAC-SHA256(cookie, "distsys-server-v2" ‖ SHA-256(T))
/// proof_c = HMAC-SHA256(cookie, "distsys-client-v2" ‖ SHA-256(T ‖ proof_s))
/// </code>
/// Both proofs cover every byte of both opening messages (names, incarnations, capabilities, versions,
/// nonces, frame headers), so a relay that rewrites any of them is refused by both sides.
/// The whole exchange runs under one timeout, so a peer that trickles bytes (slow-loris) is cut off.
/// A refusal carries only its reason code; details go to our log, never to the peer.
/// </summary>
internal static partial class ClusterHandshake
{
    /// <summary>Runs the connecting side. Never throws for peer behaviour: every failure is an outcome.</summary>
    public static Task<HandshakeResult> ConnectAsync(IDuplexPipe transport, HandshakeOptions local, TimeSpan timeout, ILogger logger, string? remote = null, CancellationToken cancellationToken = default) =>
        RunAsync(transport, local, timeout, logger, remote, isClient: true, cancellationToken);

    /// <summary>Runs the accepting side. Never throws for peer behaviour: every failure is an outcome.</summary>
    public static Task<HandshakeResult> AcceptAsync(IDuplexPipe transport, HandshakeOptions local, TimeSpan timeout, ILogger logger, string? remote = null, CancellationToken cancellationToken = default) =>
        RunAsync(transport, local, timeout, logger, remote, isClient: false, cancellationToken);

    private static async Task<HandshakeResult> RunAsync(IDuplexPipe transport, HandshakeOptions local, TimeSpan timeout, ILogger logger, string? remote, bool isClient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(logger);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var channel = new HandshakeChannel(transport, local, deadline.Token);
        try
        {
            var peer = isClient
                ? await RunClientAsync(channel, local).ConfigureAwait(false)
                : await RunServerAsync(channel, local).ConfigureAwait(false);
            TransportLog.HandshakeComplete(logger, peer.Name, peer.Incarnation, peer.Version, peer.Capabilities);
            return new HandshakeResult(HandshakeOutcome.Accepted, peer);
        }
        catch (HandshakeAbort abort)
        {
            TransportLog.HandshakeFailed(logger, remote, $"{abort.Outcome}: {abort.Message}");
            return HandshakeResult.Fail(abort.Outcome);
        }
        catch (ProtocolException ex)
        {
            TransportLog.HandshakeFailed(logger, remote, $"{ex.Error}: {ex.Message}");
            return HandshakeResult.Fail(HandshakeOutcome.ProtocolError);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            TransportLog.HandshakeTimedOut(logger, remote, timeout.TotalMilliseconds);
            return HandshakeResult.Fail(HandshakeOutcome.Timeout);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            // The pipe was completed or failed underneath us: the peer is gone.
            TransportLog.HandshakeFailed(logger, remote, ex.Message);
            return HandshakeResult.Fail(HandshakeOutcome.PeerClosed);
        }
    }
}
