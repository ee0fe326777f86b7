using Microsoft.Extensions.Logging;

namespace DistSys.Plugins;

/// <summary>The plugin module's log events (ids 6001-6099).</summary>
internal static partial class PluginLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "plugin {Plugin} stderr: {Line}")]
    public static partial void Stderr(ILogger logger, string plugin, string line);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "plugin {Plugin} wrote more than {Lines} stderr lines; the rest of this instance's stderr is dropped")]
    public static partial void StderrDropped(ILogger logger, string plugin, int lines);

}
