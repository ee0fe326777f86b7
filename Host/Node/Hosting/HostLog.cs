using Microsoft.Extensions.Logging;

namespace DistSys.Host.Hosting;

/// <summary>
/// What the node host logs. Event ids are stable: scripts and tests may match them. Cluster events
/// (joined, member up/down/left, master unreachable, cookie rejected) are the cluster core's own lines
/// (DistributionLog, ids 4000+), logged once there rather than repeated here.
/// </summary>
internal static partial class HostLog
{
    [LoggerMessage(1, LogLevel.Information, "{Role} node '{Name}' starting: data dir {DataDirectory}, cookie from {CookieOrigin}, API token from {TokenOrigin}, heartbeat {HeartbeatMs} ms, failure timeout {FailureTimeoutMs} ms{ConfigFile}")]
    public static partial void Starting(ILogger logger, string role, string name, string dataDirectory, string cookieOrigin, string tokenOrigin, double heartbeatMs, double failureTimeoutMs, string configFile);

    [LoggerMessage(2, LogLevel.Information, "'{Name}' listening on {Endpoint} (cluster protocol and HTTP on this one port)")]
    public static partial void Listening(ILogger logger, string name, string endpoint);

    [LoggerMessage(4, LogLevel.Information, "'{Name}' ready in {SinceMainMs} ms since Main ({SinceProcessMs} ms since the process started)")]
    public static partial void Ready(ILogger logger, string name, long sinceMainMs, long sinceProcessMs);

    [LoggerMessage(5, LogLevel.Error, "port already in use: cannot listen on {Endpoint}; is another node running there?")]
    public static partial void PortInUse(ILogger logger, string endpoint);

    [LoggerMessage(6, LogLevel.Error, "cannot listen on {Endpoint}: {Detail}")]
    public static partial void ListenFailed(ILogger logger, string endpoint, string detail);

    [LoggerMessage(10, LogLevel.Information, "'{Name}' received {Signal}: announcing its departure and draining")]
    public static partial void Leaving(ILogger logger, string name, string signal);

    [LoggerMessage(11, LogLevel.Information, "'{Name}' stopped")]
    public static partial void Stopped(ILogger logger, string name);

    [LoggerMessage(12, LogLevel.Error, "could not join the master at {Master}: {Detail}")]
    public static partial void JoinFailed(ILogger logger, string master, string detail);

    [LoggerMessage(13, LogLevel.Error, "service '{Service}' did not start: {Detail}")]
    public static partial void ServiceFailed(ILogger logger, string service, string detail);

    [LoggerMessage(15, LogLevel.Warning, "leaving the cluster did not finish cleanly: {Detail}")]
    public static partial void LeaveFailed(ILogger logger, string detail);

    [LoggerMessage(16, LogLevel.Debug, "start-up phases since Main: {Phases}")]
    public static partial void StartPhases(ILogger logger, string phases);

    [LoggerMessage(17, LogLevel.Error, "'{Name}' stepped down: {Reason}; stopping (a service manager restarts it as a standby)")]
    public static partial void SteppedDown(ILogger logger, string name, string reason);

    [LoggerMessage(21, LogLevel.Warning, "max_connections {Configured} lowered to {Connections}: the descriptor limit (ulimit -n) is {Limit}; raise it to hold more connections")]
    public static partial void ConnectionsLowered(ILogger logger, int configured, int connections, long limit);

    [LoggerMessage(20, LogLevel.Warning, "{Message}")]
    public static partial void PluginSandboxMissing(ILogger logger, string message);

    [LoggerMessage(22, LogLevel.Information, "plugins after the restart: {Outcome}")]
    public static partial void PluginRestored(ILogger logger, string outcome);
}
