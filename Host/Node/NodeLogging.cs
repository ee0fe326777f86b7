using Microsoft.Extensions.Logging;

namespace DistSys.Host.Node;

/// <summary>One console logger factory for the whole node: the host, the cluster core, Kestrel and the services.</summary>
internal static class NodeLogging
{
    public static ILoggerFactory Create(LogLevel level) => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(level)
        // ASP.NET Core's own information lines ("Now listening on", "Application started") repeat ours.
        .AddFilter("Microsoft", level < LogLevel.Information ? level : LogLevel.Warning)
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        })
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Error));
}
