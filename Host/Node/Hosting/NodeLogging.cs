using DistSys.Host.Hosting.Settings;
using Microsoft.Extensions.Logging;

namespace DistSys.Host.Hosting;

/// <summary>One console logger factory for the whole node: the host, the cluster core, Kestrel and the services.</summary>
internal static class NodeLogging
{
    public static ILoggerFactory Create(LogLevel level, LogFormat format = LogFormat.Text) => LoggerFactory.Create(logging =>
    {
        logging
            .SetMinimumLevel(level)
            // ASP.NET Core's own information lines ("Now listening on", "Application started") repeat ours.
            .AddFilter("Microsoft", level < LogLevel.Information ? level : LogLevel.Warning)
            // The generic host logs a failed start (e.g. the port in use) as a whole stack trace; the node says it
            // in one line of its own (HostLog), so the trace shows only when debugging.
            .AddFilter("Microsoft.Extensions.Hosting", level < LogLevel.Information ? level : LogLevel.Critical);
        if (format == LogFormat.Json)
        {
            // The standard JSON formatter: one object per line with EventId, LogLevel, Category, Message and the
            // [LoggerMessage] parameters as State, for a log shipper to index without parsing text.
            logging.AddJsonConsole(console =>
            {
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                console.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            });
        }

        logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Error);
    });
}
