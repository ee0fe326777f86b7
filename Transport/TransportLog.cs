using DistSys.Transport.Connections;
using DistSys.Transport.Framing;
using Microsoft.Extensions.Logging;

namespace DistSys.Transport;

/// <summary>Every log line the Transport module writes, with stable event ids (3000-3099).</summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Connection to {Peer} closing: {Reason} (while {State})")]
    public static partial void ConnectionClosing(ILogger logger, string? peer, CloseReason reason, ConnectionState state);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Connection to {Peer} failed: {Reason}")]
    public static partial void ConnectionFailed(ILogger logger, string? peer, CloseReason reason, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Protocol violation from {Peer}: {Error} ({Detail})")]
    public static partial void ProtocolViolation(ILogger logger, string? peer, ProtocolError error, string detail);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Connection to {Peer} silent for {SilentMs} ms while {State}: closing")]
    public static partial void IdleTimeout(ILogger logger, string? peer, ConnectionState state, double silentMs);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Frame handler for {Peer} failed in OnClosed")]
    public static partial void HandlerFailed(ILogger logger, string? peer, Exception exception);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Handshake with {Remote} timed out after {TimeoutMs} ms")]
    public static partial void HandshakeTimedOut(ILogger logger, string? remote, double timeoutMs);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Handshake with {Remote} failed: {Detail}")]
    public static partial void HandshakeFailed(ILogger logger, string? remote, string detail);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "Handshake with {Peer} (incarnation {Incarnation}) complete, version {Version}, capabilities 0x{Capabilities:X}")]
    public static partial void HandshakeComplete(ILogger logger, string peer, ulong incarnation, ushort version, ulong capabilities);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Connect to {EndPoint} failed (attempt {Attempt}: {Outcome}); retrying in {DelayMs} ms")]
    public static partial void ConnectRetry(ILogger logger, System.Net.EndPoint endPoint, int attempt, double delayMs, Handshake.HandshakeOutcome outcome);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "Non-cluster connection from {Remote} with no handler: closed")]
    public static partial void ForeignRejected(ILogger logger, System.Net.EndPoint? remote);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Error, Message = "Accepted connection from {Remote} failed")]
    public static partial void AcceptFailed(ILogger logger, System.Net.EndPoint? remote, Exception exception);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "TLS handshake with {Remote} failed: {Detail}")]
    public static partial void TlsFailed(ILogger logger, string? remote, string detail);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Warning, Message = "TLS connection from {Remote} is not a cluster link (ALPN '{Protocol}', client certificate {HasCertificate}): closed")]
    public static partial void TlsNotCluster(ILogger logger, string? remote, string protocol, bool hasCertificate);
}
