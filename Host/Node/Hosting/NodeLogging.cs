using Microsoft.Extensions.Logging;

namespace DistSys.Host.Hosting;

/// <summary>One console logger factory for the whole node: the host, the cluster core, Kestrel and the services.</summary>
internal static class NodeLogging
{
    public static ILoggerFactory Create(LogLevel level) => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(level)
        // ASP.NET Core's own information lines ("Now listening on", "Application started") repeat ours.
        .AddFilter("Microsoft", level < LogLevel.Information ? level : LogLevel.Warning)
        // The generic host logs a failed start (e.g. the port in use) as a whole stack trace; the node says it
        // in one line of its own (HostLog), so the trace shows only when debugging.
        .AddFilter("Microsoft.Extensions.Hosting", level < LogLevel.Information ? level : LogLevel.Critical)
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        })
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Error));
}
