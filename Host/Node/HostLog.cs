using Microsoft.Extensions.Logging;

namespace DistSys.Host.Node;

/// <summary>Everything the node host logs. Event ids are stable: scripts and tests may match them.</summary>
internal static partial class HostLog
{
    [LoggerMessage(1, LogLevel.Information, "{Role} node '{Name}' starting: incarnation {Incarnation}, node id {NodeId}, data dir {DataDirectory}, cookie from {CookieOrigin}{ConfigFile}")]
    public static partial void Starting(ILogger logger, string role, string name, int incarnation, int nodeId, string dataDirectory, string cookieOrigin, string configFile);

    [LoggerMessage(2, LogLevel.Information, "'{Name}' listening on {Endpoint} (cluster protocol and HTTP on this one port)")]
    public static partial void Listening(ILogger logger, string name, string endpoint);

    [LoggerMessage(3, LogLevel.Information, "'{Name}' joined the cluster through the master at {Master}: {Up} member(s) up")]
    public static partial void Joined(ILogger logger, string name, string master, int up);

    [LoggerMessage(4, LogLevel.Information, "'{Name}' ready in {SinceMainMs} ms since Main ({SinceProcessMs} ms since the process started)")]
    public static partial void Ready(ILogger logger, string name, long sinceMainMs, long sinceProcessMs);

    [LoggerMessage(5, LogLevel.Error, "port already in use: cannot listen on {Endpoint}; is another node running there?")]
    public static partial void PortInUse(ILogger logger, string endpoint);

    [LoggerMessage(6, LogLevel.Error, "cannot listen on {Endpoint}: {Detail}")]
    public static partial void ListenFailed(ILogger logger, string endpoint, string detail);

    [LoggerMessage(7, LogLevel.Warning, "cookie rejected: refused a cluster connection from {Remote} whose cookie differs from this cluster's")]
    public static partial void CookieRejectedInbound(ILogger logger, string remote);

    [LoggerMessage(8, LogLevel.Error, "cookie rejected by the master at {Master}: this node's cookie differs from the cluster's; exiting")]
    public static partial void CookieRejectedByMaster(ILogger logger, string master);

    [LoggerMessage(9, LogLevel.Information, "member '{Member}' is {State} ({Address}, incarnation {Incarnation})")]
    public static partial void MemberChanged(ILogger logger, string member, string state, string address, int incarnation);

    [LoggerMessage(10, LogLevel.Information, "'{Name}' leaving the cluster ({Signal}): announcing departure, draining")]
    public static partial void Leaving(ILogger logger, string name, string signal);

    [LoggerMessage(11, LogLevel.Information, "'{Name}' stopped")]
    public static partial void Stopped(ILogger logger, string name);

    [LoggerMessage(12, LogLevel.Error, "could not join the master at {Master}: {Detail}")]
    public static partial void JoinFailed(ILogger logger, string master, string detail);

    [LoggerMessage(13, LogLevel.Error, "service '{Service}' did not start: {Detail}")]
    public static partial void ServiceFailed(ILogger logger, string service, string detail);

    [LoggerMessage(14, LogLevel.Debug, "cluster connection from {Remote} refused: {Outcome}")]
    public static partial void HandshakeRefused(ILogger logger, string remote, string outcome);

    [LoggerMessage(15, LogLevel.Warning, "leaving the cluster did not finish cleanly: {Detail}")]
    public static partial void LeaveFailed(ILogger logger, string detail);
}
